/// Which way a metric is better.
public enum Direction: String, Codable, Sendable, CaseIterable {
    case minimize, maximize
}

/// One measured quantity with its unit. `key` (`latency_ns`) is how it is
/// addressed in objectives, the store and CSV columns, so a value can never
/// lose its unit on the way (ArchGym's ps/ns bug #139 cannot happen).
public struct Metric: Hashable, Sendable, Codable {
    public var name: String
    public var unit: String
    public var value: Double

    public init(_ name: String, _ unit: String, _ value: Double) {
        self.name = name
        self.unit = unit
        self.value = value
    }

    /// `name_unit`, or just `name` for unitless metrics (unit "1").
    public var key: String { MetricSpec.key(name: name, unit: unit) }
}

/// What an environment measures: name, unit, better direction, meaning.
public struct MetricSpec: Hashable, Sendable, Codable {
    public var name: String
    public var unit: String
    public var direction: Direction
    public var summary: String

    public init(_ name: String, _ unit: String, _ direction: Direction, summary: String = "") {
        self.name = name
        self.unit = unit
        self.direction = direction
        self.summary = summary
    }

    public var key: String { MetricSpec.key(name: name, unit: unit) }

    static func key(name: String, unit: String) -> String {
        unit.isEmpty || unit == "1" ? name : "\(name)_\(unit)"
    }
}

/// The outcome of evaluating one configuration: metric values, and whether the
/// point is feasible at all (with the reason when it is not).
public struct Metrics: Hashable, Sendable {
    public var values: [Metric]
    public var feasible: Bool
    public var reason: String?

    public init(_ values: [Metric], feasible: Bool = true, reason: String? = nil) {
        self.values = values
        self.feasible = feasible
        self.reason = reason
    }

    /// An infeasible point: no metrics, a reason a person can act on.
    public static func infeasible(_ reason: String, partial: [Metric] = []) -> Metrics {
        Metrics(partial, feasible: false, reason: reason)
    }

    /// Value of the metric with this key (`latency_ns`).
    public subscript(key: String) -> Double? {
        values.first { $0.key == key }?.value
    }

    /// `{"latency_ns": 12.5, ...}` in metric order.
    public var json: String {
        JSONText.object(values.map { ($0.key, JSONText.number($0.value)) })
    }
}

/// Metrics of one part of an evaluation (a layer of a network, a rank), for
/// `dsegym evaluate --per-layer` and `--json`'s `layers`.
public struct NamedMetrics: Sendable {
    public var name: String
    public var metrics: [Metric]
    /// Extra text columns (a chosen mapping, a dataflow), printed as is.
    public var notes: [(String, String)]

    public init(name: String, metrics: [Metric], notes: [(String, String)] = []) {
        self.name = name
        self.metrics = metrics
        self.notes = notes
    }
}
