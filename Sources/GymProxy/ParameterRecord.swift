import GymCore

/// A design parameter as a model file stores it: enough to rebuild the
/// `Domain` (and so the proxy environment's design space) without the real
/// environment.
public struct ParameterRecord: Codable, Hashable, Sendable {
    public enum Kind: String, Codable, Sendable { case categorical, integer, ordinal, real }

    public var name: String
    public var kind: Kind
    /// Choices of a categorical parameter.
    public var choices: [String]?
    /// Values of an ordinal parameter.
    public var values: [Double]?
    /// Bounds of an integer or real parameter.
    public var low: Double?
    public var high: Double?
    public var step: Int?
    public var log: Bool?
    /// The default value as text (as a spec would write it).
    public var defaultValue: String

    public init(_ parameter: Parameter) {
        name = parameter.name
        defaultValue = parameter.defaultValue.text
        switch parameter.domain {
        case .categorical(let c): kind = .categorical; choices = c
        case .ordinal(let v): kind = .ordinal; values = v
        case .integer(let r, let s): kind = .integer; low = Double(r.lowerBound); high = Double(r.upperBound); step = s
        case .real(let r, let l): kind = .real; low = r.lowerBound; high = r.upperBound; log = l
        }
    }

    /// The domain back, or a `SpecError` naming the parameter when the record is incomplete.
    public func domain(file: String?) throws -> Domain {
        let broken = SpecError(file: file, key: "parameters.\(name)", "incomplete \(kind.rawValue) parameter record")
        switch kind {
        case .categorical:
            guard let c = choices, !c.isEmpty else { throw broken }
            return .categorical(c)
        case .ordinal:
            guard let v = values, !v.isEmpty else { throw broken }
            return .ordinal(v)
        case .integer:
            guard let lo = low, let hi = high, lo <= hi else { throw broken }
            return .integer(Int(lo)...Int(hi), step: step ?? 1)
        case .real:
            guard let lo = low, let hi = high, lo <= hi else { throw broken }
            return .real(lo...hi, log: log ?? false)
        }
    }

    public func parameter(file: String?) throws -> Parameter {
        let d = try domain(file: file)
        return Parameter(name, d, default: d.parse(defaultValue))
    }
}
