/// One evaluated configuration as the campaign runner logs it and tells agents.
public struct Trial: Sendable {
    /// Position in the campaign, 0-based, in ask order.
    public var index: Int
    /// Which ask batch it came from (resume replays batches exactly).
    public var batch: Int
    public var configuration: Configuration
    public var metrics: Metrics
    /// The objective's reward (maximised); nil when the point is infeasible.
    public var reward: Double?
    /// Why the point is infeasible (environment or objective constraint).
    public var reason: String?
    /// True when the metrics came from the evaluation cache, not the model.
    public var cacheHit: Bool
    public var evalSeconds: Double

    public init(index: Int, batch: Int, configuration: Configuration, metrics: Metrics,
                reward: Double?, reason: String?, cacheHit: Bool, evalSeconds: Double) {
        self.index = index
        self.batch = batch
        self.configuration = configuration
        self.metrics = metrics
        self.reward = reward
        self.reason = reason
        self.cacheHit = cacheHit
        self.evalSeconds = evalSeconds
    }

    public var feasible: Bool { reward != nil }
}
