import GymCore

/// How Optuna describes a parameter's domain (`trial_params.distribution_json`)
/// and encodes a value (`param_value`): categoricals and ordinals as the index
/// of the choice, integers and reals as themselves.
public struct OptunaDistribution: Hashable, Sendable, Codable {
    public var json: String
    public var domain: Domain

    public init(_ domain: Domain) {
        self.domain = domain
        switch domain {
        case .categorical(let choices):
            json = #"{"name": "CategoricalDistribution", "attributes": {"choices": ["#
                + choices.map(JSONText.quote).joined(separator: ", ") + "]}}"
        case .ordinal(let values):
            json = #"{"name": "CategoricalDistribution", "attributes": {"choices": ["#
                + values.map(ParameterValue.format).joined(separator: ", ") + "]}}"
        case .integer(let r, let step):
            let high = r.lowerBound + (domain.levelCount - 1) * step
            json = #"{"name": "IntDistribution", "attributes": {"log": false, "step": \#(step), "low": \#(r.lowerBound), "high": \#(high)}}"#
        case .real(let r, let log):
            json = #"{"name": "FloatDistribution", "attributes": {"step": null, "low": \#(r.lowerBound), "high": \#(r.upperBound), "log": \#(log)}}"#
        }
    }

    /// Optuna's internal float for a value.
    public func internalValue(_ value: ParameterValue) -> Double {
        switch domain {
        case .categorical, .ordinal: return Double(domain.index(of: value) ?? 0)
        default: return value.number ?? 0
        }
    }

    enum CodingKeys: String, CodingKey { case json }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let text = try c.decode(String.self, forKey: .json)
        guard let parsed = OptunaDistribution.parse(text) else {
            throw DecodingError.dataCorruptedError(forKey: .json, in: c, debugDescription: "unknown distribution \(text)")
        }
        self = parsed
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(json, forKey: .json)
    }

    /// Rebuilds the domain from a stored distribution (ours, or one Optuna wrote).
    static func parse(_ text: String) -> OptunaDistribution? {
        guard case .object(let top)? = try? StoredJSON.value(text),
              case .string(let name)? = top["name"], case .object(let a)? = top["attributes"] else { return nil }
        func number(_ k: String) -> Double? { if case .number(let n)? = a[k] { return n }; return nil }
        switch name {
        case "CategoricalDistribution":
            guard case .array(let choices)? = a["choices"] else { return nil }
            let numbers = choices.compactMap { if case .number(let n) = $0 { return n }; return nil }
            if numbers.count == choices.count, !numbers.isEmpty { return OptunaDistribution(.ordinal(numbers)) }
            return OptunaDistribution(.categorical(choices.map(\.description)))
        case "IntDistribution":
            guard let lo = number("low"), let hi = number("high") else { return nil }
            return OptunaDistribution(.integer(Int(lo)...Int(hi), step: Int(number("step") ?? 1)))
        case "FloatDistribution":
            guard let lo = number("low"), let hi = number("high") else { return nil }
            return OptunaDistribution(.real(lo...hi, log: a["log"] == .bool(true)))
        default:
            return nil
        }
    }
}
