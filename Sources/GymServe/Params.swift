import GymCore

/// A request's `params`, read field by field with `request` errors that name
/// the field and say what is allowed.
struct Params {
    var values: [String: SpecValue]

    init(_ values: [String: SpecValue]) {
        self.values = values
    }

    /// Rejects fields the method does not take.
    func requireOnly(_ allowed: [String], method: String) throws {
        for key in values.keys.sorted() where !allowed.contains(key) {
            let list = allowed.isEmpty ? "none" : allowed.sorted().joined(separator: ", ")
            throw ProtocolError.request("unknown field '\(key)' in the params of \(method); allowed: \(list)")
        }
    }

    func has(_ key: String) -> Bool {
        values[key].map { $0 != .null } ?? false
    }

    func string(_ key: String) throws -> String? {
        guard let v = values[key], v != .null else { return nil }
        guard case .string(let s) = v else { throw wrongType(key, "a string", v) }
        return s
    }

    func requiredString(_ key: String) throws -> String {
        guard let s = try string(key) else { throw missing(key, "a string") }
        return s
    }

    /// An integer in `range` (a JSON number with no fraction).
    func int(_ key: String, in range: ClosedRange<Int>) throws -> Int? {
        guard let v = values[key], v != .null else { return nil }
        guard case .number(let d) = v, d == d.rounded() else { throw wrongType(key, "an integer", v) }
        // Compare as doubles first: converting an out-of-range double to Int traps.
        guard d >= Double(range.lowerBound), d <= Double(range.upperBound), range.contains(Int(d)) else {
            throw ProtocolError.request("field '\(key)': \(ParameterValue.format(d)) is out of range; allowed: \(range.lowerBound)...\(range.upperBound)")
        }
        return Int(d)
    }

    func requiredInt(_ key: String, in range: ClosedRange<Int>) throws -> Int {
        guard let n = try int(key, in: range) else { throw missing(key, "an integer in \(range.lowerBound)...\(range.upperBound)") }
        return n
    }

    func object(_ key: String) throws -> [String: SpecValue]? {
        guard let v = values[key], v != .null else { return nil }
        guard case .object(let o) = v else { throw wrongType(key, "an object", v) }
        return o
    }

    func requiredObject(_ key: String) throws -> [String: SpecValue] {
        guard let o = try object(key) else { throw missing(key, "an object") }
        return o
    }

    /// A non-empty array of at most `limit` items.
    func requiredArray(_ key: String, limit: Int) throws -> [SpecValue] {
        guard let v = values[key], v != .null else { throw missing(key, "an array") }
        guard case .array(let a) = v else { throw wrongType(key, "an array", v) }
        guard !a.isEmpty else { throw ProtocolError.request("field '\(key)': empty; give at least one item") }
        guard a.count <= limit else {
            throw ProtocolError.request("field '\(key)': \(a.count) items; at most \(limit) per request")
        }
        return a
    }

    private func missing(_ key: String, _ expected: String) -> ProtocolError {
        .request("missing field '\(key)' (\(expected))")
    }

    private func wrongType(_ key: String, _ expected: String, _ got: SpecValue) -> ProtocolError {
        .request("field '\(key)': expected \(expected), got \(Params.show(got))")
    }

    /// A value as short JSON for messages.
    static func show(_ v: SpecValue) -> String {
        let text = v.canonicalJSON
        return text.count > 60 ? String(text.prefix(57)) + "..." : text
    }
}
