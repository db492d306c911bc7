import Foundation
import GymAgents
import GymCore
import GymStore

/// Runs and resumes campaigns against the store: builds environment, objective
/// and agent, registers provenance, drives `CampaignRunner`, records the end.
public struct CampaignSession {
    public struct Request {
        public var environmentPath: String
        public var agent: AgentReference
        public var trials: Int
        public var seed: UInt64
        public var jobs: Int
        public var database: String
        public var name: String?
        public var wallSeconds: Double?
        public var stopAtTarget: Bool
        /// Test hook: behave as if interrupted once this many trials are logged.
        public var stopAfter: Int?
        /// Draw the live progress line (only ever on a terminal).
        public var showProgress = true
    
        public init(environmentPath: String, agent: AgentReference, trials: Int, seed: UInt64, jobs: Int, database: String,
                    name: String?, wallSeconds: Double?, stopAtTarget: Bool, stopAfter: Int?, showProgress: Bool = true) {
            self.environmentPath = environmentPath
            self.agent = agent
            self.trials = trials
            self.seed = seed
            self.jobs = jobs
            self.database = database
            self.name = name
            self.wallSeconds = wallSeconds
            self.stopAtTarget = stopAtTarget
            self.stopAfter = stopAfter
            self.showProgress = showProgress
        }
    }

    public struct Result {
        public var campaign: CampaignRecord
        public var outcome: CampaignOutcome
        public var environment: any Environment
    }

    /// Starts a campaign and runs it to its budget. With an `observer`, progress
    /// and stopping go to it instead of the terminal's progress line and the
    /// SIGINT/SIGTERM trap (the MCP server's notifications and cancellation).
    public static func run(_ request: Request, observer: Observer? = nil) throws -> Result {
        try RunBounds.check("--trials", request.trials, RunBounds.trials)
        try RunBounds.check("--jobs", request.jobs, RunBounds.jobs)
        if let name = request.name { try RunBounds.checkName("--name", name) }
        if let w = request.wallSeconds, !(w.isFinite && w > 0) {
            // Checked here, not when the budget is stored, so that no database is created for it.
            throw SpecError(key: "--wall-seconds", "must be a positive number of seconds")
        }
        let loader = try EnvironmentLoader(path: request.environmentPath)
        let agentReference = request.agent
        let budget = Budget(trials: request.trials, wallSeconds: request.wallSeconds, stopAtTarget: request.stopAtTarget)
        let context = AgentContext(designSpace: loader.environment.designSpace, objective: loader.objective,
                                   seed: request.seed, budget: request.trials)
        let (agent, resolved) = try agentReference.kind.make(agentReference.hyperparameters, context)
        // Everything the user gave is valid: only now touch the database.
        let store = try TrialStore(path: request.database)
        let name = try request.name ?? uniqueName(
            "\(loader.spec.kind)-\(agentReference.kind.name)-s\(request.seed)", in: store)
        let record = try store.createCampaign(LiveCampaign.newRecord(
            name: name, loader: loader, specPath: request.environmentPath, agent: agentReference.kind.name,
            resolved: resolved, seed: request.seed, budget: budget, jobs: request.jobs))
        let live = try LiveCampaign(store: store, record: record, environment: loader.environment,
                                    objective: loader.objective, agent: agent, previous: [], jobs: request.jobs,
                                    resumed: false)
        return try execute(live, stopAfter: request.stopAfter, showProgress: request.showProgress, observer: observer)
    }

    public static func resume(database: String, name: String, jobs: Int?, stopAfter: Int?, showProgress: Bool = true) throws -> Result {
        if let jobs { try RunBounds.check("--jobs", jobs, RunBounds.jobs) }
        let store = try TrialStore.openExisting(database)
        guard let record = try store.campaign(named: name) else {
            let names = try store.campaigns().map(\.name)
            throw SpecError(file: database, key: "--name", "no campaign named '\(name)'; campaigns: \(names.joined(separator: ", "))")
        }
        let loader = try EnvironmentLoader(stored: record.environmentSpec, file: record.environmentSpecFile)
        guard loader.environment.fingerprint == record.fingerprint else {
            throw ResumeConflict(campaign: name, "the environment changed since the campaign started (fingerprint \(loader.environment.fingerprint) vs \(record.fingerprint)); start a new campaign instead")
        }
        let reference = try AgentReference(kind: record.agent, hyperparameters: record.hyperparameters)
        let context = AgentContext(designSpace: loader.environment.designSpace, objective: record.objective,
                                   seed: record.seed, budget: record.budget.trials)
        let (agent, _) = try reference.kind.make(reference.hyperparameters, context)
        let live = try LiveCampaign.continuing(record, in: store, environment: loader.environment, agent: agent,
                                               jobs: jobs ?? record.jobs)
        return try execute(live, stopAfter: stopAfter, showProgress: showProgress, observer: nil)
    }

    private static func execute(_ live: LiveCampaign, stopAfter: Int?, showProgress: Bool,
                                observer: Observer?) throws -> Result {
        let trap = observer == nil ? SignalTrap() : nil
        let line = ProgressLine(enabled: showProgress && observer == nil)
        let outcome: CampaignOutcome
        do {
            outcome = try live.run(progress: observer?.progress ?? line.update, cancellation: trap?.cancellation) {
                (trap?.isRaised ?? false) || (observer?.shouldStop() ?? false)
                    || stopAfter.map { live.trialCount >= $0 } ?? false
            }
        } catch {
            line.finish()
            try? live.finish(status: .failed, stopReason: "\(error)")
            throw error
        }
        line.finish()
        let status: CampaignRecord.Status = outcome.stop == .interrupted ? .interrupted : .finished
        try live.finish(status: status, stopReason: outcome.stop.rawValue, wallSeconds: outcome.seconds)
        return Result(campaign: live.record, outcome: outcome, environment: live.environment)
    }

    private static func uniqueName(_ base: String, in store: TrialStore) throws -> String {
        var name = base
        var n = 2
        while try store.campaign(named: name) != nil {
            name = "\(base)-\(n)"
            n += 1
        }
        return name
    }
}
