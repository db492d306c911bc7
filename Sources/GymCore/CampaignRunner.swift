import Foundation

/// Runs one campaign: asks the agent, evaluates each batch (in parallel),
/// scores it, logs it, tells the agent, until the budget says stop.
///
/// Determinism: batches are asked with a size fixed by the agent, trials keep
/// ask order whatever the number of worker threads, and cache hits return the
/// very metrics a fresh evaluation would, so the same seed gives the same
/// trials for any `jobs`, with or without a warm cache.
public final class CampaignRunner {
    public let environment: any Environment
    public let objective: Objective
    public let budget: Budget
    public let jobs: Int
    private var agent: any Agent
    private let log: any TrialLog
    private var cache: [UInt64: CachedEvaluation]
    public private(set) var trialCount = 0
    public private(set) var batchCount = 0
    public private(set) var best: Trial?
    /// Seconds spent inside the agent's `ask` and `tell` in this session (the
    /// agent's own overhead, as opposed to evaluation and logging).
    public private(set) var agentSeconds = 0.0

    public init(environment: any Environment, objective: Objective, agent: any Agent, budget: Budget,
                jobs: Int, log: any TrialLog, cache: [UInt64: CachedEvaluation] = [:]) {
        self.environment = environment
        self.objective = objective
        self.agent = agent
        self.budget = budget
        self.jobs = max(1, jobs)
        self.log = log
        self.cache = cache
    }

    /// Rebuilds the agent's state from logged trials (resume): the agent is
    /// asked again batch by batch and must propose exactly what was logged.
    public func replay(_ trials: [Trial]) throws {
        var start = 0
        while start < trials.count {
            let batch = trials[start].batch
            var end = start
            while end < trials.count, trials[end].batch == batch { end += 1 }
            let logged = Array(trials[start..<end])
            let proposed = agent.ask(logged.count)
            for (p, l) in zip(proposed, logged) where p != l.configuration {
                throw ResumeConflict("resume diverged at trial \(l.index): the agent now proposes \(p) but the log has \(l.configuration); the agent, its hyperparameters or the seed changed")
            }
            agent.tell(logged)
            for t in logged { note(t) }
            trialCount = end
            batchCount = batch + 1
            start = end
        }
    }

    /// The agent's preferred number of configurations per ask.
    public var batchSize: Int { agent.batchSize }

    /// Asks the agent for up to `count` configurations (never more than its
    /// batch size or the budget left); they count once told.
    public func ask(_ count: Int) -> [Configuration] {
        let n = min(count, agent.batchSize, budget.trials - trialCount)
        guard n > 0 else { return [] }
        let clock = ContinuousClock()
        let asked = clock.now
        let configurations = agent.ask(n)
        agentSeconds += seconds(clock.now - asked)
        return configurations
    }

    /// One step: evaluates `configurations` as one batch, logs them, then
    /// tells the agent. If evaluation or logging throws, nothing is counted
    /// and the agent is not told, so the same batch may be told again; a
    /// raised `cancellation` makes evaluation throw `CancellationError`.
    @discardableResult
    public func tell(_ configurations: [Configuration], cancellation: Cancellation? = nil) throws -> [Trial] {
        let trials = try evaluate(configurations, cancellation: cancellation)
        try log.append(trials)
        let clock = ContinuousClock()
        let told = clock.now
        agent.tell(trials)
        agentSeconds += seconds(clock.now - told)
        for t in trials { note(t) }
        trialCount += trials.count
        batchCount += 1
        return trials
    }

    /// Runs until the budget is spent, the target is reached, the wall time
    /// passes, `limit` more trials are logged, or `shouldStop` turns true
    /// (checked between batches: the batch in flight is finished and logged,
    /// never half-written). Stopping at `limit` before the budget reports
    /// `.interrupted`. A raised `cancellation` also stops between batches,
    /// and inside a batch whose evaluations poll it: that batch is then
    /// discarded, neither logged nor told, and the run reports `.interrupted`.
    public func run(limit: Int? = nil, progress: ((CampaignProgress) -> Void)? = nil,
                    cancellation: Cancellation? = nil, shouldStop: () -> Bool = { false }) throws -> CampaignOutcome {
        let clock = ContinuousClock()
        let started = clock.now
        let already = trialCount
        let end = min(budget.trials, limit.map { trialCount + max(0, min($0, budget.trials)) } ?? budget.trials)
        func elapsed() -> Double { seconds(clock.now - started) }
        var stop = StopReason.budget
        while trialCount < end {
            if targetReached { stop = .target; break }
            if let limit = budget.wallSeconds, elapsed() >= limit { stop = .wallTime; break }
            if shouldStop() || cancellation?.isRaised == true { stop = .interrupted; break }
            let configurations = ask(end - trialCount)
            guard !configurations.isEmpty else { break }
            do { try tell(configurations, cancellation: cancellation) } catch is CancellationError {
                stop = .interrupted
                break
            }
            if let progress {
                let e = elapsed()
                progress(CampaignProgress(completed: trialCount, budget: budget.trials, bestReward: best?.reward,
                                          elapsedSeconds: e, rate: Double(trialCount - already) / max(e, 1e-9)))
            }
        }
        if stop == .budget, trialCount >= budget.trials, targetReached { stop = .target }
        if stop == .budget, trialCount < budget.trials, trialCount >= end, end < budget.trials { stop = .interrupted }
        return CampaignOutcome(totalTrials: trialCount, newTrials: trialCount - already, best: best,
                               stop: stop, seconds: elapsed(), agentSeconds: agentSeconds)
    }

    private func seconds(_ d: Duration) -> Double {
        Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
    }

    private var targetReached: Bool {
        guard budget.stopAtTarget, let target = objective.targetReward, let r = best?.reward else { return false }
        return r >= target
    }

    private func note(_ trial: Trial) {
        guard let r = trial.reward else { return }
        if best?.reward.map({ r > $0 }) ?? true { best = trial }
    }

    /// Evaluates and scores one batch, numbered after the trials so far.
    private func evaluate(_ configurations: [Configuration], cancellation: Cancellation?) throws -> [Trial] {
        let evaluated = try CampaignRunner.evaluate(configurations, on: environment, jobs: jobs, cache: &cache,
                                                    cancellation: cancellation)
        var trials: [Trial] = []
        trials.reserveCapacity(configurations.count)
        for (i, (c, e)) in zip(configurations, evaluated).enumerated() {
            let (reward, reason) = objective.score(e.metrics)
            trials.append(Trial(index: trialCount + i, batch: batchCount, configuration: c, metrics: e.metrics,
                                reward: reward, reason: reason, cacheHit: e.cacheHit, evalSeconds: e.seconds))
        }
        return trials
    }
}

/// One configuration's evaluation in a batch: its metrics, whether they came
/// from the cache (or an earlier duplicate in the batch), and the model time.
public struct BatchEvaluation: Sendable {
    public var metrics: Metrics
    public var cacheHit: Bool
    public var seconds: Double
}

extension CampaignRunner {
    /// Evaluates one batch of valid configurations: cache and in-batch
    /// duplicates first, constraint violations without calling the model,
    /// the rest across `jobs` threads; results in input order whatever `jobs`.
    /// New evaluations are added to `cache`. The runner and `dsegym serve`
    /// both evaluate through this function. With a raised `cancellation`
    /// it throws `CancellationError` (from the first evaluation that saw it)
    /// and caches nothing.
    public static func evaluate(_ configurations: [Configuration], on environment: any Environment, jobs: Int,
                                cache: inout [UInt64: CachedEvaluation],
                                cancellation: Cancellation? = nil) throws -> [BatchEvaluation] {
        let space = environment.designSpace
        var metrics = [Metrics?](repeating: nil, count: configurations.count)
        var hit = [Bool](repeating: false, count: configurations.count)
        var firstInBatch: [UInt64: Int] = [:]
        var pending: [Int] = []
        var duplicates: [(Int, Int)] = []
        // Hash and JSON once per configuration: both serve the lookup and the insert.
        let hashes = configurations.map(\.stableHash)
        let jsons = configurations.map(\.json)
        for (i, c) in configurations.enumerated() {
            let h = hashes[i]
            if let cached = cache[h], cached.configurationJSON == jsons[i] {
                metrics[i] = cached.metrics
                hit[i] = true
            } else if let j = firstInBatch[h] {
                duplicates.append((i, j))
            } else if let broken = space.violatedConstraint(c) {
                metrics[i] = .infeasible(broken.message)
                firstInBatch[h] = i
            } else {
                firstInBatch[h] = i
                pending.append(i)
            }
        }
        let env = environment
        let results = ParallelMap.run(pending.map { configurations[$0] }, jobs: max(1, jobs)) { c in
            guard let cancellation else { return try env.evaluate(c) }
            try cancellation.check()
            return try env.evaluate(c, cancellation: cancellation)
        }
        if results.contains(where: { if case .failure(let e) = $0.metrics { e is CancellationError } else { false } }) {
            throw CancellationError()
        }
        var seconds = [Double](repeating: 0, count: configurations.count)
        for (k, i) in pending.enumerated() {
            metrics[i] = try results[k].metrics.get()
            seconds[i] = results[k].seconds
        }
        for (i, j) in duplicates {
            metrics[i] = metrics[j]
            hit[i] = true
        }
        var out: [BatchEvaluation] = []
        out.reserveCapacity(configurations.count)
        for i in configurations.indices {
            let m = metrics[i]!
            if !hit[i] { cache[hashes[i]] = CachedEvaluation(configurationJSON: jsons[i], metrics: m) }
            out.append(BatchEvaluation(metrics: m, cacheHit: hit[i], seconds: seconds[i]))
        }
        return out
    }
}
