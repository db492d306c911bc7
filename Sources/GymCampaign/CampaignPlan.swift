import Dispatch
import Foundation
import GymCore
import GymStore

/// A set of independent campaigns (agents × seeds, or hyperparameter settings ×
/// seeds) run into one database, several at a time. Running a plan again is
/// cheap and safe: a finished campaign is kept, an interrupted one resumed.
public struct CampaignPlan {
    public struct Entry: Sendable {
        public var name: String
        /// Label of the group the entry belongs to in summaries (an agent, or
        /// an agent with one hyperparameter setting).
        public var group: String
        public var agent: AgentReference
        public var seed: UInt64

        public init(name: String, group: String, agent: AgentReference, seed: UInt64) {
            self.name = name
            self.group = group
            self.agent = agent
            self.seed = seed
        }
    }

    public var environmentPath: String
    public var trials: Int
    public var database: String
    public var entries: [Entry]

    public init(environmentPath: String, trials: Int, database: String, entries: [Entry]) {
        self.environmentPath = environmentPath
        self.trials = trials
        self.database = database
        self.entries = entries
    }

    /// Runs every entry, `parallel` campaigns at a time (each evaluating on one
    /// thread, so results never depend on `parallel`). Returns the records in
    /// entry order.
    public func run(parallel: Int, progress: (String) -> Void) throws -> [CampaignRecord] {
        try RunBounds.check("--trials", trials, RunBounds.trials)
        try RunBounds.check("--jobs", parallel, RunBounds.jobs)
        // Validate every entry before any database work: bad input touches nothing.
        let loader = try validated(runnable: entries.filter { !$0.agent.isExternal })
        try checkExternalCampaigns(fingerprint: loader.environment.fingerprint)
        let store = try TrialStore(path: database)
        var unfinished: [Entry] = []
        for e in entries where !e.agent.isExternal {
            if let existing = try store.campaign(named: e.name) {
                try check(existing, matches: e, fingerprint: loader.environment.fingerprint)
                if existing.status == .finished { continue }
            }
            unfinished.append(e)
        }
        let pending = unfinished
        let (environmentPath, database, trials) = (self.environmentPath, self.database, self.trials)
        let workers = min(parallel, max(1, pending.count))
        let start = DispatchTime.now().uptimeNanoseconds
        let outcomes = ParallelMap.run(pending, jobs: workers) { e in
            if try TrialStore(path: database).campaign(named: e.name) != nil {
                _ = try CampaignSession.resume(database: database, name: e.name, jobs: 1, stopAfter: nil,
                                               showProgress: false)
            } else {
                _ = try CampaignSession.run(.init(environmentPath: environmentPath, agent: e.agent, trials: trials,
                                                  seed: e.seed, jobs: 1, database: database, name: e.name,
                                                  wallSeconds: nil, stopAtTarget: false, stopAfter: nil,
                                                  showProgress: false))
            }
        }
        for outcome in outcomes { try outcome.metrics.get() }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) * 1e-9
        progress(String(format: "%d campaigns run (%d already finished) in %.2f s on %d workers",
                        pending.count, entries.count - pending.count, seconds, workers))
        let reopened = try TrialStore(path: database)
        return try entries.map { e in try reopened.campaign(named: e.name)! }
    }

    /// Builds the environment and every entry's agent once, so that bad input
    /// is reported before anything is run or written; returns the environment.
    /// An external agent's entry cannot be built: it is reported as such.
    public func validated() throws -> EnvironmentLoader {
        try validated(runnable: entries)
    }

    private func validated(runnable: [Entry]) throws -> EnvironmentLoader {
        let loader = try EnvironmentLoader(path: environmentPath)
        for e in runnable {
            let context = AgentContext(designSpace: loader.environment.designSpace, objective: loader.objective, seed: e.seed)
            _ = try e.agent.kind.make(e.agent.hyperparameters, context)
        }
        return loader
    }

    /// An external agent's campaigns are never run here: each must already be
    /// in the database, finished, and the same experiment as its entry.
    private func checkExternalCampaigns(fingerprint: String) throws {
        let external = entries.filter(\.agent.isExternal)
        guard !external.isEmpty else { return }
        let store = FileManager.default.fileExists(atPath: database) ? try TrialStore.openExisting(database) : nil
        for label in Set(external.map { $0.agent.externalLabel! }).sorted() {
            let mine = external.filter { $0.agent.externalLabel == label }
            var missing: [String] = []
            for e in mine {
                guard let c = try store?.campaign(named: e.name) else { missing.append(e.name); continue }
                try check(c, matches: e, fingerprint: fingerprint)
                if c.status != .finished { missing.append("\(e.name) (\(c.status.rawValue))") }
            }
            guard missing.isEmpty else {
                throw SpecError(file: database, key: "--agents", "external:\(label) runs outside dsegym, so its campaigns must already be finished in this database; missing or unfinished: \(missing.joined(separator: ", ")); log them through the Python package or `dsegym serve` (agent external:\(label), the same spec, the seed in the name, a budget of \(trials) trials), then compare again")
            }
        }
    }

    /// A stored campaign of the same name must be the same experiment.
    private func check(_ c: CampaignRecord, matches e: Entry, fingerprint: String) throws {
        var problems: [String] = []
        if c.agent != e.agent.kind.name { problems.append("agent \(c.agent) vs \(e.agent.kind.name)") }
        if c.seed != e.seed { problems.append("seed \(c.seed) vs \(e.seed)") }
        if c.budget.trials != trials { problems.append("budget \(c.budget.trials) vs \(trials) trials") }
        if c.fingerprint != fingerprint { problems.append("environment \(c.fingerprint) vs \(fingerprint)") }
        if !problems.isEmpty {
            throw SpecError(file: database, key: e.name, "a campaign of this name exists with other settings (\(problems.joined(separator: "; "))); use another --label or database")
        }
    }
}
