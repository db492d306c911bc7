/// A named design knob: its domain, its default value and what it means.
public struct Parameter: Hashable, Sendable {
    public var name: String
    public var domain: Domain
    public var defaultValue: ParameterValue
    public var summary: String

    public init(_ name: String, _ domain: Domain, default defaultValue: ParameterValue? = nil, summary: String = "") {
        self.name = name
        self.domain = domain
        self.defaultValue = defaultValue ?? domain.value(at: 0)
        self.summary = summary
    }

    /// Categorical shorthand: `Parameter.choice("PagePolicy", ["Open", "Closed"])`.
    public static func choice(_ name: String, _ choices: [String], default d: String? = nil, summary: String = "") -> Parameter {
        Parameter(name, .categorical(choices), default: d.map(ParameterValue.text), summary: summary)
    }

    /// Integer-range shorthand.
    public static func integer(_ name: String, _ range: ClosedRange<Int>, step: Int = 1, default d: Int? = nil, summary: String = "") -> Parameter {
        Parameter(name, .integer(range, step: step), default: d.map(ParameterValue.int), summary: summary)
    }

    /// Ordered-list shorthand, e.g. powers of two.
    public static func ordinal(_ name: String, _ values: [Double], default d: Double? = nil, summary: String = "") -> Parameter {
        Parameter(name, .ordinal(values), default: d.map(ParameterValue.real), summary: summary)
    }

    /// Real-interval shorthand.
    public static func real(_ name: String, _ range: ClosedRange<Double>, log: Bool = false, default d: Double? = nil, summary: String = "") -> Parameter {
        Parameter(name, .real(range, log: log), default: d.map(ParameterValue.real), summary: summary)
    }

    /// Powers of two from `low` to `high` inclusive.
    public static func powersOfTwo(_ low: Int, _ high: Int) -> [Double] {
        var out: [Double] = []
        var v = low
        while v <= high { out.append(Double(v)); v *= 2 }
        return out
    }
}
