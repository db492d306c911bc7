import GymCore

/// How rewards are shown: a single-metric objective is plotted as the metric
/// itself (e.g. best latency in ns, lower is better) rather than its negated
/// reward; every other objective as its reward. `value(reward)` converts.
public struct RewardAxis: Sendable {
    /// +1 or −1: plotted value = sign × reward.
    public var sign: Double
    /// What is plotted, with unit and direction, e.g. "latency (ns), lower is better".
    public var label: String
    /// Short name for sentences ("latency", "reward").
    public var name: String

    public init(objective: Objective, metrics: [MetricSpec]) {
        let term = objective.terms.first
        let spec = metrics.first { $0.key == term?.metric }
        let metricName = spec?.name ?? term?.metric ?? "value"
        let unit = spec.map { $0.unit == "1" || $0.unit.isEmpty ? "" : " (\($0.unit))" } ?? ""
        switch objective.kind {
        case .minimize:
            sign = -1; name = metricName; label = "\(metricName)\(unit), lower is better"
        case .maximize:
            sign = 1; name = metricName; label = "\(metricName)\(unit), higher is better"
        case .targetSpec:
            sign = 1; name = "reward"; label = "target-spec reward (1 = all targets met)"
        case .archGymTarget:
            sign = 1; name = "reward"; label = "ArchGym target reward, higher is better"
        case .timeloopCost:
            sign = 1; name = "reward"; label = "−Timeloop cost (0 = all targets met)"
        case .weightedSum:
            sign = 1; name = "reward"; label = "weighted-sum reward, higher is better"
        case .pareto:
            sign = 1; name = "reward"; label = "scaled-sum reward, higher is better"
        }
    }

    public func value(_ reward: Double) -> Double { sign * reward }

    /// The objective's target in plotted units, if it has one.
    public func target(_ objective: Objective) -> Double? { objective.targetReward.map(value) }
}
