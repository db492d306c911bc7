/// One value of one design parameter: an integer, a real, or a categorical choice.
public enum ParameterValue: Hashable, Sendable, Comparable {
    case int(Int)
    case real(Double)
    case text(String)

    /// The value as a number, when it is one.
    public var number: Double? {
        switch self {
        case .int(let v): return Double(v)
        case .real(let v): return v
        case .text: return nil
        }
    }

    /// Canonical text: integers plainly, reals in shortest round-trip form
    /// (integral reals without a trailing ".0"), choices as written.
    public var text: String {
        switch self {
        case .int(let v): return String(v)
        case .real(let v): return ParameterValue.format(v)
        case .text(let s): return s
        }
    }

    /// JSON literal of the value (numbers bare, choices quoted).
    public var jsonLiteral: String {
        switch self {
        case .int, .real: return text
        case .text(let s): return JSONText.quote(s)
        }
    }

    /// Shortest text that round-trips a double; integral values print without ".0".
    public static func format(_ v: Double) -> String {
        if v.isFinite, v == v.rounded(), abs(v) < 1e15 { return String(Int64(v)) }
        return "\(v)"
    }

    public static func < (lhs: ParameterValue, rhs: ParameterValue) -> Bool {
        switch (lhs.number, rhs.number) {
        case let (a?, b?): return a < b
        default: return lhs.text < rhs.text
        }
    }
}
