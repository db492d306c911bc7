/// When a campaign stops: after `trials` trials, or earlier when the wall-time
/// limit passes or (with `stopAtTarget`) the objective's target is reached.
public struct Budget: Hashable, Sendable, Codable {
    public var trials: Int
    public var wallSeconds: Double?
    public var stopAtTarget: Bool

    public init(trials: Int, wallSeconds: Double? = nil, stopAtTarget: Bool = false) {
        self.trials = trials
        self.wallSeconds = wallSeconds
        self.stopAtTarget = stopAtTarget
    }
}

/// Why a campaign stopped.
public enum StopReason: String, Sendable, Codable {
    case budget, target, wallTime = "wall-time", interrupted
}

/// A snapshot for progress lines.
public struct CampaignProgress: Sendable {
    public var completed: Int
    public var budget: Int
    public var bestReward: Double?
    public var elapsedSeconds: Double
    /// Trials per second over this session.
    public var rate: Double
}

/// What a finished (or stopped) campaign session reports.
public struct CampaignOutcome: Sendable {
    public var totalTrials: Int
    public var newTrials: Int
    public var best: Trial?
    public var stop: StopReason
    /// Wall time of this session.
    public var seconds: Double
    /// Time spent in the agent's ask/tell in this session.
    public var agentSeconds: Double
}

/// Where the runner writes trials: the store, in tests an array.
/// `append` must be atomic per call: all trials of the batch or none.
public protocol TrialLog: AnyObject {
    func append(_ trials: [Trial]) throws
}

/// A trial log that keeps nothing, for runs where only the outcome matters
/// (a baseline's best trial, an agent's own time in a benchmark).
public final class DiscardingTrialLog: TrialLog {
    public init() {}
    public func append(_ trials: [Trial]) throws {}
}

/// A trial log that keeps every trial in memory, batch by batch (tests,
/// short in-process studies).
public final class MemoryTrialLog: TrialLog {
    public private(set) var trials: [Trial]
    public private(set) var batches = 0

    public init(_ trials: [Trial] = []) { self.trials = trials }

    public func append(_ batch: [Trial]) throws {
        trials += batch
        batches += 1
    }
}

/// A previously seen evaluation, keyed by `Configuration.stableHash` in the cache.
public struct CachedEvaluation: Sendable {
    public var configurationJSON: String
    public var metrics: Metrics

    public init(configurationJSON: String, metrics: Metrics) {
        self.configurationJSON = configurationJSON
        self.metrics = metrics
    }
}
