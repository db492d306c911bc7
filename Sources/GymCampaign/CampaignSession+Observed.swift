import Foundation
import GymAgents
import GymCore
import GymEnvironments
import GymStore

extension CampaignSession {
    /// What a caller other than the terminal wants to see of a running
    /// campaign (the MCP server's progress notifications, cancellation).
    ///
    /// Both closures are called on the thread that runs the campaign, between
    /// batches: `progress` after every logged batch, `shouldStop` before every
    /// batch (true stops cleanly after the batch in flight, status `interrupted`).
    public struct Observer {
        public var progress: (CampaignProgress) -> Void
        public var shouldStop: () -> Bool

        public init(progress: @escaping (CampaignProgress) -> Void = { _ in },
                    shouldStop: @escaping () -> Bool = { false }) {
            self.progress = progress
            self.shouldStop = shouldStop
        }
    }

    /// `run(_:)` reporting to `observer` instead of the terminal's progress
    /// line and signal trap (the request's `showProgress` is ignored).
    ///
    /// Same checks, naming, provenance and store writes as `run(_:)`; kept
    /// beside it until `Request` can carry the observer itself (a stored
    /// property, which an extension cannot add).
    public static func run(_ request: Request, observer: Observer) throws -> Result {
        guard request.trials >= 1 else { throw SpecError(key: "--trials", "must be at least 1") }
        guard request.jobs >= 1 else { throw SpecError(key: "--jobs", "must be at least 1") }
        let loader = try EnvironmentLoader(path: request.environmentPath)
        let reference = request.agent
        let budget = Budget(trials: request.trials, wallSeconds: request.wallSeconds, stopAtTarget: request.stopAtTarget)
        let context = AgentContext(designSpace: loader.environment.designSpace, objective: loader.objective,
                                   seed: request.seed, budget: request.trials)
        let (agent, resolved) = try reference.kind.make(reference.hyperparameters, context)
        let store = try TrialStore(path: request.database)
        let name = try request.name ?? observedUniqueName(
            "\(loader.spec.kind)-\(reference.kind.name)-s\(request.seed)", in: store)
        let record = try store.createCampaign(CampaignRecord(
            name: name, environment: loader.environment, environmentSpec: loader.spec.source.value,
            environmentSpecFile: URL(fileURLWithPath: request.environmentPath).standardizedFileURL.path,
            objective: loader.objective, agent: reference.kind.name, hyperparameters: resolved, seed: request.seed,
            budget: budget, jobs: request.jobs))
        let cache = try store.cachedEvaluations(fingerprint: record.fingerprint, metrics: record.metrics)
        let runner = CampaignRunner(environment: loader.environment, objective: loader.objective, agent: agent,
                                    budget: record.budget, jobs: request.jobs, log: try store.writer(for: record), cache: cache)
        let outcome: CampaignOutcome
        do {
            outcome = try runner.run(progress: observer.progress) {
                observer.shouldStop() || request.stopAfter.map { runner.trialCount >= $0 } ?? false
            }
        } catch {
            try? store.finish(record.id, status: .failed, stopReason: "\(error)", agentSeconds: runner.agentSeconds)
            throw error
        }
        try store.finish(record.id, status: outcome.stop == .interrupted ? .interrupted : .finished,
                         stopReason: outcome.stop.rawValue, wallSeconds: outcome.seconds, agentSeconds: outcome.agentSeconds)
        return Result(campaign: record, outcome: outcome, environment: loader.environment)
    }

    private static func observedUniqueName(_ base: String, in store: TrialStore) throws -> String {
        var name = base
        var n = 2
        while try store.campaign(named: name) != nil {
            name = "\(base)-\(n)"
            n += 1
        }
        return name
    }
}
