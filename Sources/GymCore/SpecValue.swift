import Foundation

/// A JSON/YAML-like value tree: what spec files, presets and stored provenance
/// are made of. GymCore reads specs only through this type (YAML parsing lives
/// in the command-line module), so models and agents never depend on a parser.
public indirect enum SpecValue: Hashable, Sendable, Codable, CustomStringConvertible {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([SpecValue])
    case object([String: SpecValue])

    public init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() { self = .null }
        else if let b = try? c.decode(Bool.self) { self = .bool(b) }
        else if let n = try? c.decode(Double.self) { self = .number(n) }
        else if let s = try? c.decode(String.self) { self = .string(s) }
        else if let a = try? c.decode([SpecValue].self) { self = .array(a) }
        else { self = .object(try c.decode([String: SpecValue].self)) }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .null: try c.encodeNil()
        case .bool(let b): try c.encode(b)
        case .number(let n):
            // Integral numbers encode as integers so `Int` fields decode from them.
            if n == n.rounded(), abs(n) < 1e15 { try c.encode(Int64(n)) } else { try c.encode(n) }
        case .string(let s): try c.encode(s)
        case .array(let a): try c.encode(a)
        case .object(let o): try c.encode(o)
        }
    }

    /// Canonical JSON (sorted keys), as stored for provenance.
    public var canonicalJSON: String {
        switch self {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .number(let n): return n.isFinite ? ParameterValue.format(n) : "null"
        case .string(let s): return JSONText.quote(s)
        case .array(let a): return "[" + a.map(\.canonicalJSON).joined(separator: ", ") + "]"
        case .object(let o):
            return "{" + o.keys.sorted().map { JSONText.quote($0) + ": " + o[$0]!.canonicalJSON }
                .joined(separator: ", ") + "}"
        }
    }

    /// Parses JSON text (e.g. stored provenance) back into a value.
    public static func parseJSON(_ text: String) throws -> SpecValue {
        try JSONDecoder().decode(SpecValue.self, from: Data(text.utf8))
    }

    /// Short text for error messages.
    public var description: String {
        switch self {
        case .string(let s): return s
        default: return canonicalJSON
        }
    }

    /// Scalar text as a `--set` would write it.
    public var scalarText: String? {
        switch self {
        case .string(let s): return s
        case .number(let n): return ParameterValue.format(n)
        case .bool(let b): return b ? "true" : "false"
        default: return nil
        }
    }

    public var objectValue: [String: SpecValue]? {
        if case .object(let o) = self { return o }
        return nil
    }
}
