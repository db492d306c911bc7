import Foundation

/// The set of values one design parameter may take.
///
/// Every domain maps to and from two encodings so that any agent can search any
/// space: an **index** in `0..<levelCount` (ordered for everything but
/// categoricals) and a point of the **unit interval**. Real domains are
/// continuous for sampling but expose a grid of `Domain.realLevels` points for
/// index-based agents.
public enum Domain: Hashable, Sendable {
    /// Unordered named choices, e.g. `["Open", "Closed"]`.
    case categorical([String])
    /// Integers `lower, lower+step, ... <= upper`.
    case integer(ClosedRange<Int>, step: Int)
    /// An ordered list of numbers, e.g. powers of two.
    case ordinal([Double])
    /// A real interval, searched on a log scale when `log` is true.
    case real(ClosedRange<Double>, log: Bool)

    /// Grid points an index-based agent sees on a real domain.
    public static let realLevels = 1001

    /// Number of index levels.
    public var levelCount: Int {
        switch self {
        case .categorical(let c): return c.count
        case .integer(let r, let step): return (r.upperBound - r.lowerBound) / step + 1
        case .ordinal(let v): return v.count
        case .real: return Domain.realLevels
        }
    }

    /// True when the domain has finitely many values (everything but reals).
    public var isDiscrete: Bool {
        if case .real = self { return false }
        return true
    }

    public var isCategorical: Bool {
        if case .categorical = self { return true }
        return false
    }

    /// The value at index `i` (clamped into range).
    public func value(at i: Int) -> ParameterValue {
        let i = max(0, min(levelCount - 1, i))
        switch self {
        case .categorical(let c): return .text(c[i])
        case .integer(let r, let step): return .int(r.lowerBound + i * step)
        case .ordinal(let v): return .real(v[i])
        case .real: return realValue(atUnit: Double(i) / Double(Domain.realLevels - 1))
        }
    }

    /// The index of `value`, or nil when it is not in the domain (reals snap to
    /// the nearest grid level).
    public func index(of value: ParameterValue) -> Int? {
        switch (self, value) {
        case (.categorical(let c), .text(let s)):
            return c.firstIndex(of: s)
        case (.integer(let r, let step), .int(let v)):
            guard r.contains(v), (v - r.lowerBound) % step == 0 else { return nil }
            return (v - r.lowerBound) / step
        case (.ordinal(let vs), _):
            guard let x = value.number else { return nil }
            return vs.firstIndex(of: x)
        case (.real, _):
            guard contains(value) else { return nil }
            return Int((unit(of: value) * Double(Domain.realLevels - 1)).rounded())
        default:
            return nil
        }
    }

    /// Whether `value` belongs to the domain.
    public func contains(_ value: ParameterValue) -> Bool {
        switch (self, value) {
        case (.real(let r, _), .real(let x)): return r.contains(x)
        case (.real(let r, _), .int(let x)): return r.contains(Double(x))
        case (.real, .text): return false
        default: return index(of: value) != nil
        }
    }

    /// Position of `value` in [0, 1]: ordered domains map their ends to 0 and 1;
    /// a categorical choice maps to the centre of its bin.
    public func unit(of value: ParameterValue) -> Double {
        switch self {
        case .categorical(let c):
            guard let i = index(of: value) else { return 0 }
            return (Double(i) + 0.5) / Double(c.count)
        case .real(let r, let log):
            guard let x = value.number, r.upperBound > r.lowerBound else { return 0 }
            if log {
                return (Foundation.log(x) - Foundation.log(r.lowerBound))
                    / (Foundation.log(r.upperBound) - Foundation.log(r.lowerBound))
            }
            return (x - r.lowerBound) / (r.upperBound - r.lowerBound)
        default:
            guard let i = index(of: value), levelCount > 1 else { return 0 }
            return Double(i) / Double(levelCount - 1)
        }
    }

    /// The value at unit position `u` (clamped), the inverse of `unit(of:)`.
    public func value(atUnit u: Double) -> ParameterValue {
        let u = u.isNaN ? 0 : max(0, min(1, u))
        switch self {
        case .categorical(let c):
            return .text(c[min(c.count - 1, Int(u * Double(c.count)))])
        case .real:
            return realValue(atUnit: u)
        default:
            return value(at: Int((u * Double(levelCount - 1)).rounded()))
        }
    }

    private func realValue(atUnit u: Double) -> ParameterValue {
        guard case .real(let r, let log) = self else { return .real(0) }
        // The ends map exactly to the bounds (exp(log(x)) need not round-trip).
        if u <= 0 { return .real(r.lowerBound) }
        if u >= 1 { return .real(r.upperBound) }
        if log {
            let l = Foundation.log(r.lowerBound), h = Foundation.log(r.upperBound)
            return .real(min(r.upperBound, max(r.lowerBound, exp(l + u * (h - l)))))
        }
        return .real(r.lowerBound + u * (r.upperBound - r.lowerBound))
    }

    /// A uniformly drawn value (uniform over levels; uniform in log space for log reals).
    public func sample<G: RandomNumberGenerator>(using rng: inout G) -> ParameterValue {
        switch self {
        case .real:
            return value(atUnit: Double(rng.next() >> 11) * 0x1.0p-53)
        default:
            return value(at: Int(rng.next() % UInt64(levelCount)))
        }
    }

    /// Parses text as written in a spec or `--set` (e.g. "256", "0.5", "Open").
    public func parse(_ text: String) -> ParameterValue? {
        let t = text.trimmingCharacters(in: .whitespaces)
        let v: ParameterValue?
        switch self {
        case .categorical: v = .text(t)
        // "1e3" is an integer too; text beyond Int (or inf, nan) is not a value of any integer domain.
        case .integer: v = Int(t).map(ParameterValue.int) ?? Double(t).flatMap { Int(exactly: $0) }.map(ParameterValue.int)
        case .ordinal, .real: v = Double(t).map(ParameterValue.real)
        }
        guard let value = v, contains(value) else { return nil }
        return value
    }

    /// Human description of the allowed values, used in error messages and `dsegym envs`.
    public var allowedDescription: String {
        switch self {
        case .categorical(let c):
            return "one of " + c.joined(separator: ", ")
        case .integer(let r, let step):
            return step == 1 ? "an integer in \(r.lowerBound)...\(r.upperBound)"
                : "an integer in \(r.lowerBound)...\(r.upperBound) step \(step)"
        case .ordinal(let v):
            return "one of " + v.map(ParameterValue.format).joined(separator: ", ")
        case .real(let r, let log):
            return "a real in [\(ParameterValue.format(r.lowerBound)), \(ParameterValue.format(r.upperBound))]"
                + (log ? " (log scale)" : "")
        }
    }
}
