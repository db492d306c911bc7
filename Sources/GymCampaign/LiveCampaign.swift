import Foundation
import GymCore
import GymStore

/// A campaign open in the store and advanced step by step: the agent's next
/// batch (`ask`), one evaluated and logged batch (`tell`), or batches until
/// the budget (`run`). `dsegym run`/`resume` drive it with `run`; clients of
/// `dsegym serve` drive it with any mix of the three.
///
/// Every told batch is evaluated through the store's cache, logged in one
/// transaction, then told to the agent, exactly as `CampaignRunner.run` does,
/// so a built-in agent driven here logs the trials `dsegym run` logs. A
/// campaign of an external agent (`AgentReference.isExternal`) has no agent
/// here: its client tells the configurations it chose.
///
/// Not thread-safe: one thread drives one campaign.
public final class LiveCampaign {
    public let store: TrialStore
    public let record: CampaignRecord
    public let environment: any Environment
    public let objective: Objective
    /// True when the campaign existed and was continued (its trials replayed).
    public let resumed: Bool
    public let isExternal: Bool
    private let runner: CampaignRunner
    /// The last ask's configurations, until they are told.
    private var asked: [Configuration]?
    /// The built-in agent proposed nothing more before the budget.
    private var exhausted = false
    private var isClosed = false
    private let clock = ContinuousClock()
    private let opened: ContinuousClock.Instant

    /// Wraps `record` (already in `store`) with the agent; replays `previous`
    /// logged trials into it (resume) and marks the campaign running.
    init(store: TrialStore, record: CampaignRecord, environment: any Environment, objective: Objective,
         agent: (any Agent)?, previous: [Trial], jobs: Int, resumed: Bool) throws {
        self.store = store
        self.record = record
        self.environment = environment
        self.objective = objective
        self.resumed = resumed
        isExternal = agent == nil
        let cache = try store.cachedEvaluations(fingerprint: record.fingerprint, metrics: record.metrics)
        let log = try store.writer(for: record)
        runner = CampaignRunner(environment: environment, objective: objective, agent: agent ?? ClientAgent(),
                                budget: record.budget, jobs: jobs, log: log, cache: cache)
        try runner.replay(previous)
        if resumed { try store.reopen(record.id) }
        opened = clock.now
    }

    public var name: String { record.name }
    public var budget: Int { record.budget.trials }
    /// Trials logged so far (all sessions).
    public var trialCount: Int { runner.trialCount }
    public var remaining: Int { max(0, budget - trialCount) }
    /// The best feasible trial so far (highest reward, earliest on ties).
    public var best: Trial? { runner.best }
    public var isFinished: Bool { remaining == 0 || exhausted }

    /// The built-in agent's next configurations: `count` (default its batch
    /// size), never more than its batch size or the budget left.
    /// - Throws: `CampaignStateError` for an external agent, or while the
    ///   last ask is not told yet.
    public func ask(_ count: Int? = nil) throws -> [Configuration] {
        try checkOpen()
        guard !isExternal else {
            throw CampaignStateError("campaign '\(name)' has an external agent: its client proposes the configurations and tells them")
        }
        guard asked == nil else {
            throw CampaignStateError("campaign '\(name)': the configurations of the last ask are not told yet; tell them first")
        }
        let configurations = runner.ask(count ?? runner.batchSize)
        if !configurations.isEmpty { asked = configurations } else if remaining > 0 { exhausted = true }
        return configurations
    }

    /// Evaluates `configurations` (valid ones: see `DesignSpace.validate`),
    /// logs them as one batch and tells the agent. A built-in agent must be
    /// told exactly what it was last asked, in order.
    /// - Throws: `CampaignStateError` out of turn or past the budget;
    ///   `StoreError` when logging fails (nothing is then counted).
    public func tell(_ configurations: [Configuration]) throws -> [Trial] {
        try checkOpen()
        guard !configurations.isEmpty else { throw CampaignStateError("campaign '\(name)': nothing to tell") }
        if isExternal {
            guard configurations.count <= remaining else {
                throw CampaignStateError("campaign '\(name)': \(configurations.count) configurations but only \(remaining) trials of the budget of \(budget) are left")
            }
        } else {
            guard let asked else { throw CampaignStateError("campaign '\(name)': nothing was asked; ask, then tell what it returned") }
            guard asked == configurations else {
                throw CampaignStateError("campaign '\(name)': a built-in agent must be told exactly the \(asked.count) configurations of the last ask, in order")
            }
        }
        let trials = try runner.tell(configurations)
        asked = nil
        return trials
    }

    /// Asks, evaluates and tells until the budget, at most `limit` more
    /// trials, or `shouldStop` (checked between batches), or `cancellation`
    /// (also inside a batch, which is then discarded). Built-in agents only.
    public func run(limit: Int? = nil, progress: ((CampaignProgress) -> Void)? = nil,
                    cancellation: Cancellation? = nil, shouldStop: () -> Bool = { false }) throws -> CampaignOutcome {
        try checkOpen()
        guard !isExternal else {
            throw CampaignStateError("campaign '\(name)' has an external agent: only its client can run it")
        }
        guard asked == nil else {
            throw CampaignStateError("campaign '\(name)': the configurations of the last ask are not told yet; tell them first")
        }
        let outcome = try runner.run(limit: limit, progress: progress, cancellation: cancellation, shouldStop: shouldStop)
        if outcome.stop == .budget, remaining > 0 { exhausted = true }
        return outcome
    }

    /// Closes the session: the campaign is marked finished when its budget is
    /// used (or its agent has nothing left to propose), interrupted otherwise;
    /// it can be continued later. Closing twice does nothing.
    public func close() throws {
        guard !isClosed else { return }
        let wall = clock.now - opened
        let seconds = Double(wall.components.seconds) + Double(wall.components.attoseconds) * 1e-18
        try finish(status: isFinished ? .finished : .interrupted,
                   stopReason: isFinished ? StopReason.budget.rawValue : StopReason.interrupted.rawValue,
                   wallSeconds: seconds)
    }

    /// Records how this session ended, with the agent's time in it.
    func finish(status: CampaignRecord.Status, stopReason: String?, wallSeconds: Double = 0) throws {
        isClosed = true
        try store.finish(record.id, status: status, stopReason: stopReason, wallSeconds: wallSeconds,
                         agentSeconds: runner.agentSeconds)
    }

    private func checkOpen() throws {
        guard !isClosed else { throw CampaignStateError("campaign '\(name)' is closed") }
    }
}

/// The agent slot of an external agent's campaign: it proposes nothing (so
/// replaying logged trials only restores the counts) and ignores what it is told.
private struct ClientAgent: Agent {
    var batchSize: Int { 1 }
    func ask(_ count: Int) -> [Configuration] { [] }
    func tell(_ trials: [Trial]) {}
}

