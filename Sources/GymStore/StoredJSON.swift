import GymCore

/// The one reader of the JSON the store keeps: configurations and metrics
/// (`{"key": number | "text" | true | false | null, ...}`, read by the
/// thousand on resume, cache warm-up, export and reports), provenance
/// (environment spec, hyperparameters) and Optuna's `value_json` and
/// distributions, which Python writes with `\uXXXX` escapes.
///
/// A byte-level parser rather than `JSONDecoder`: decoding `SpecValue`
/// through `Codable` tries each case in turn and was the bottleneck of
/// reading 10^5 stored trials. It is exact: numbers go through `Double(_:)`
/// (correctly rounded), strings through every JSON escape including
/// surrogate pairs (a lone surrogate reads as U+FFFD, as in most readers).
public enum StoredJSON {
    /// Malformed text, with the byte offset where reading stopped.
    public struct SyntaxError: Error, CustomStringConvertible, Sendable {
        public var offset: Int
        public var description: String { "malformed JSON at byte \(offset)" }
    }

    /// Any JSON value.
    public static func value(_ text: String) throws -> SpecValue {
        var reader = Reader(text)
        let value = try reader.value()
        try reader.end()
        return value
    }

    /// A top-level object's members in the order they are written (metrics
    /// keep their declared order this way).
    public static func members(_ text: String) throws -> [(key: String, value: SpecValue)] {
        var reader = Reader(text)
        let members = try reader.members()
        try reader.end()
        return members
    }
}

extension StoredJSON {
    /// Deepest nesting of arrays and objects read. What the store writes nests
    /// a few levels; a foreign database could nest a million and overflow the
    /// stack of this recursive reader, so deeper text is malformed.
    public static let maximumDepth = 256

    fileprivate struct Reader {
        private let bytes: [UInt8]
        private var i = 0
        private var depth = 0

        init(_ text: String) { bytes = Array(text.utf8) }

        private func fail() -> SyntaxError { SyntaxError(offset: i) }

        private mutating func skipSpace() {
            while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x0A || bytes[i] == 0x09 || bytes[i] == 0x0D { i += 1 }
        }

        private mutating func take(_ c: UInt8) -> Bool {
            skipSpace()
            guard i < bytes.count, bytes[i] == c else { return false }
            i += 1
            return true
        }

        mutating func end() throws {
            skipSpace()
            guard i == bytes.count else { throw fail() }
        }

        mutating func value() throws -> SpecValue {
            skipSpace()
            guard i < bytes.count else { throw fail() }
            switch bytes[i] {
            case 0x7B, 0x5B:
                guard depth < StoredJSON.maximumDepth else { throw fail() }
                depth += 1
                defer { depth -= 1 }
                return bytes[i] == 0x7B ? .object(Dictionary(try members(), uniquingKeysWith: { _, last in last }))
                                        : .array(try elements())
            case 0x22: return .string(try string())
            case 0x74: try literal("true"); return .bool(true)
            case 0x66: try literal("false"); return .bool(false)
            case 0x6E: try literal("null"); return .null
            default: return .number(try number())
            }
        }

        mutating func members() throws -> [(key: String, value: SpecValue)] {
            guard take(0x7B) else { throw fail() }
            var out: [(key: String, value: SpecValue)] = []
            if take(0x7D) { return out }
            repeat {
                skipSpace()
                let key = try string()
                guard take(0x3A) else { throw fail() }
                out.append((key, try value()))
            } while take(0x2C)
            guard take(0x7D) else { throw fail() }
            return out
        }

        private mutating func elements() throws -> [SpecValue] {
            guard take(0x5B) else { throw fail() }
            var out: [SpecValue] = []
            if take(0x5D) { return out }
            repeat { out.append(try value()) } while take(0x2C)
            guard take(0x5D) else { throw fail() }
            return out
        }

        private mutating func literal(_ word: String) throws {
            for expected in word.utf8 {
                guard i < bytes.count, bytes[i] == expected else { throw fail() }
                i += 1
            }
        }

        private mutating func number() throws -> Double {
            let start = i
            while i < bytes.count, Self.isNumberByte(bytes[i]) { i += 1 }
            // Double(_:) also takes "inf" and hex, which JSON has not: only digits, sign, point and exponent get here.
            guard i > start, let d = Double(String(decoding: bytes[start..<i], as: UTF8.self)) else { i = start; throw fail() }
            return d
        }

        private static func isNumberByte(_ c: UInt8) -> Bool {
            (c >= 0x30 && c <= 0x39) || c == 0x2D || c == 0x2B || c == 0x2E || c == 0x65 || c == 0x45
        }

        private mutating func string() throws -> String {
            guard i < bytes.count, bytes[i] == 0x22 else { throw fail() }
            i += 1
            let start = i
            // Fast path: no escapes, copy the bytes in one piece.
            while i < bytes.count, bytes[i] != 0x22, bytes[i] != 0x5C { i += 1 }
            guard i < bytes.count else { throw fail() }
            if bytes[i] == 0x22 {
                defer { i += 1 }
                return String(decoding: bytes[start..<i], as: UTF8.self)
            }
            var out = String(decoding: bytes[start..<i], as: UTF8.self)
            while i < bytes.count {
                let b = bytes[i]
                i += 1
                switch b {
                case 0x22: return out
                case 0x5C: out.unicodeScalars.append(try escape())
                default:
                    // Copy the run of plain bytes up to the next quote or backslash.
                    let run = i - 1
                    while i < bytes.count, bytes[i] != 0x22, bytes[i] != 0x5C { i += 1 }
                    out += String(decoding: bytes[run..<i], as: UTF8.self)
                }
            }
            throw fail()
        }

        private mutating func escape() throws -> Unicode.Scalar {
            guard i < bytes.count else { throw fail() }
            let e = bytes[i]
            i += 1
            switch e {
            case 0x22: return "\""
            case 0x5C: return "\\"
            case 0x2F: return "/"
            case 0x62: return "\u{08}"
            case 0x66: return "\u{0C}"
            case 0x6E: return "\n"
            case 0x72: return "\r"
            case 0x74: return "\t"
            case 0x75:
                let unit = try hex4()
                if (0xD800..<0xDC00).contains(unit) {
                    // A high surrogate: a low one must follow as another \u escape.
                    if i + 1 < bytes.count, bytes[i] == 0x5C, bytes[i + 1] == 0x75 {
                        let save = i
                        i += 2
                        let low = try hex4()
                        if (0xDC00..<0xE000).contains(low) {
                            return Unicode.Scalar(0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00))!
                        }
                        i = save
                    }
                    return "\u{FFFD}"
                }
                return Unicode.Scalar(unit) ?? "\u{FFFD}"
            default:
                i -= 1
                throw fail()
            }
        }

        private mutating func hex4() throws -> UInt32 {
            guard i + 4 <= bytes.count else { throw fail() }
            var v: UInt32 = 0
            for _ in 0..<4 {
                let c = bytes[i]
                let d: UInt8
                switch c {
                case 0x30...0x39: d = c - 0x30
                case 0x41...0x46: d = c - 0x41 + 10
                case 0x61...0x66: d = c - 0x61 + 10
                default: throw fail()
                }
                v = v << 4 | UInt32(d)
                i += 1
            }
            return v
        }
    }
}
