/// Minimal JSON text helpers for the hot paths (canonical configurations,
/// metric blobs) where Foundation's encoders would dominate the cost.
public enum JSONText {
    /// `s` as a JSON string literal.
    public static func quote(_ s: String) -> String {
        // Most keys and choices need no escaping: copy them in one piece.
        if !s.utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }) { return "\"" + s + "\"" }
        var out = "\""
        out.reserveCapacity(s.utf8.count + 2)
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    /// A JSON number; non-finite values become null (JSON has no infinity).
    public static func number(_ v: Double) -> String {
        v.isFinite ? "\(v)" : "null"
    }

    /// `{"k": v, ...}` from already-encoded values, keys in the given order.
    public static func object(_ pairs: [(String, String)]) -> String {
        var out = "{"
        out.reserveCapacity(pairs.count * 24 + 2)
        for (i, pair) in pairs.enumerated() {
            if i > 0 { out += ", " }
            out += quote(pair.0)
            out += ": "
            out += pair.1
        }
        return out + "}"
    }
}
