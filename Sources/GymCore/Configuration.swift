/// One point of a design space: parameter name → value, kept in canonical
/// (name-sorted) order so that equal configurations hash and print identically.
///
/// `canonicalText` (`a=1;b=Open`) is the cache key together with the
/// environment fingerprint; `stableHash` is its 64-bit FNV-1a digest, the same
/// on every machine and run (unlike Swift's seeded `hashValue`).
public struct Configuration: Hashable, Sendable, CustomStringConvertible {
    public let names: [String]
    public let values: [ParameterValue]
    public let canonicalText: String

    public init(_ pairs: [String: ParameterValue]) {
        let sorted = pairs.sorted { $0.key < $1.key }
        self.init(sortedNames: sorted.map(\.key), values: sorted.map(\.value))
    }

    /// Names already in ascending order with their values: the fast path
    /// `DesignSpace` uses, skipping the dictionary and the sort.
    init(sortedNames: [String], values: [ParameterValue]) {
        names = sortedNames
        self.values = values
        var text = ""
        text.reserveCapacity(sortedNames.count * 12)
        for (i, (name, value)) in zip(sortedNames, values).enumerated() {
            if i > 0 { text += ";" }
            text += name
            text += "="
            text += value.text
        }
        canonicalText = text
    }

    public subscript(name: String) -> ParameterValue? {
        guard let i = names.firstIndex(of: name) else { return nil }
        return values[i]
    }

    /// Name → value as a dictionary.
    public var dictionary: [String: ParameterValue] {
        Dictionary(uniqueKeysWithValues: zip(names, values))
    }

    /// A copy with `name` set to `value`.
    public func setting(_ name: String, to value: ParameterValue) -> Configuration {
        var d = dictionary
        d[name] = value
        return Configuration(d)
    }

    /// 64-bit FNV-1a of `canonicalText`: stable across runs and platforms.
    public var stableHash: UInt64 {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in canonicalText.utf8 {
            h ^= UInt64(byte)
            h &*= 0x0000_0100_0000_01B3
        }
        return h
    }

    /// `stableHash` as 16 hex digits, as stored in the trial table.
    public var hashHex: String {
        let s = String(stableHash, radix: 16)
        return String(repeating: "0", count: 16 - s.count) + s
    }

    /// Canonical JSON object, keys sorted.
    public var json: String {
        JSONText.object(zip(names, values).map { ($0, $1.jsonLiteral) })
    }

    public var description: String { canonicalText }

    // Typed accessors for environments; the design space has validated the
    // configuration before `evaluate` is called, so a missing key is a bug.
    public func int(_ name: String) -> Int {
        switch self[name] {
        case .int(let v)?: return v
        case .real(let v)?: return Int(v)
        default: preconditionFailure("configuration has no numeric \(name)")
        }
    }

    public func double(_ name: String) -> Double {
        guard let v = self[name]?.number else { preconditionFailure("configuration has no numeric \(name)") }
        return v
    }

    public func string(_ name: String) -> String {
        guard let v = self[name] else { preconditionFailure("configuration has no \(name)") }
        return v.text
    }
}
