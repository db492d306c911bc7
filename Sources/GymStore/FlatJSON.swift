/// A fast reader for the flat JSON objects the store itself writes
/// (`{"key": number | "text" | null, ...}`), used when thousands of stored
/// configurations and metrics are read back on resume or cache warm-up.
enum FlatJSON {
    enum Value: Equatable {
        case number(Double)
        case text(String)
        case null
    }

    static func parse(_ text: String) -> [(String, Value)]? {
        var out: [(String, Value)] = []
        var bytes = Array(text.utf8)[...]
        func skipSpace() { while let b = bytes.first, b == 0x20 || b == 0x0A || b == 0x09 || b == 0x0D { bytes.removeFirst() } }
        func expect(_ c: UInt8) -> Bool {
            skipSpace()
            guard bytes.first == c else { return false }
            bytes.removeFirst()
            return true
        }
        func string() -> String? {
            guard expect(0x22) else { return nil }
            var raw: [UInt8] = []
            while let b = bytes.popFirst() {
                if b == 0x22 { return String(decoding: raw, as: UTF8.self) }
                if b == 0x5C, let e = bytes.popFirst() {
                    switch e {
                    case 0x6E: raw.append(0x0A)
                    case 0x72: raw.append(0x0D)
                    case 0x74: raw.append(0x09)
                    case 0x75:
                        let hex = String(decoding: bytes.prefix(4), as: UTF8.self)
                        bytes.removeFirst(min(4, bytes.count))
                        if let v = UInt32(hex, radix: 16), let s = Unicode.Scalar(v) { raw.append(contentsOf: Array(String(s).utf8)) }
                    default: raw.append(e)
                    }
                } else {
                    raw.append(b)
                }
            }
            return nil
        }
        guard expect(0x7B) else { return nil }
        if expect(0x7D) { return out }
        repeat {
            guard let key = string(), expect(0x3A) else { return nil }
            skipSpace()
            if bytes.first == 0x22 {
                guard let s = string() else { return nil }
                out.append((key, .text(s)))
            } else {
                var token: [UInt8] = []
                while let b = bytes.first, b != 0x2C, b != 0x7D, b != 0x20 { token.append(b); bytes.removeFirst() }
                let t = String(decoding: token, as: UTF8.self)
                if t == "null" { out.append((key, .null)) }
                else if let d = Double(t) { out.append((key, .number(d))) }
                else if t == "true" || t == "false" { out.append((key, .text(t))) }
                else { return nil }
            }
        } while expect(0x2C)
        return expect(0x7D) ? out : nil
    }
}
