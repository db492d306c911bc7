import Foundation
import GymCore
import MCP

/// Conversions between DSEGym's JSON text (`JSONText`, `Configuration.json`,
/// `Metrics.json`, stored trials) and the SDK's `Value`.
enum JSONValue {
    /// Parses JSON text into a `Value` (numbers keep the doubles the text spells).
    static func parse(_ text: String) throws -> Value {
        do { return try JSONDecoder().decode(Value.self, from: Data(text.utf8)) } catch {
            throw ToolError("internal: not JSON: \(text.prefix(200))")
        }
    }

    /// Any `Codable` as a `Value`.
    static func encode<T: Encodable>(_ value: T) throws -> Value {
        let data = try JSONEncoder().encode(value)
        return try JSONDecoder().decode(Value.self, from: data)
    }

    /// Compact JSON text of a `Value`, keys sorted.
    static func text(_ value: Value) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? "null"
    }

    /// The right-hand side of a `--set key=value` for this value; nil for null and data.
    static func assignmentText(_ value: Value) -> String? {
        switch value {
        case .string(let s): return s
        case .int(let i): return String(i)
        case .double(let d): return d.isFinite ? ParameterValue.format(d) : nil
        case .bool(let b): return b ? "true" : "false"
        case .array, .object: return text(value)
        case .null, .data: return nil
        }
    }

    /// A `Value` for a number that may not be finite (JSON has no NaN: null).
    static func number(_ d: Double?) -> Value {
        guard let d, d.isFinite else { return .null }
        return .double(d)
    }

    static func parameter(_ v: ParameterValue) -> Value {
        switch v {
        case .int(let i): return .int(i)
        case .real(let d): return number(d)
        case .text(let s): return .string(s)
        }
    }
}
