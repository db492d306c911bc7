import Foundation

/// A mapping from a spec file with enough context for good errors: the file it
/// came from and the key path inside it. Every accessor throws a `SpecError`
/// naming file, key and what is allowed.
public struct SpecObject: Sendable {
    public var values: [String: SpecValue]
    public var file: String?
    /// Dotted path of this mapping inside the file ("" at the top).
    public var path: String
    /// Folder that relative paths in the spec are resolved against.
    public var baseDirectory: String?

    public init(_ values: [String: SpecValue], file: String? = nil, path: String = "", baseDirectory: String? = nil) {
        self.values = values
        self.file = file
        self.path = path
        self.baseDirectory = baseDirectory
    }

    public var keys: [String] { values.keys.sorted() }

    public func has(_ key: String) -> Bool { values[key] != nil && values[key] != .null }

    public func fullKey(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    public func error(_ key: String, _ message: String) -> SpecError {
        SpecError(file: file, key: fullKey(key), message)
    }

    /// Rejects keys this reader does not understand (a typo must not pass silently).
    public func requireOnly(_ allowed: [String]) throws {
        for key in keys where !allowed.contains(key) {
            throw error(key, "unknown key; allowed: \(allowed.sorted().joined(separator: ", "))")
        }
    }

    public func string(_ key: String) throws -> String? {
        guard let v = values[key], v != .null else { return nil }
        guard let s = v.scalarText else { throw error(key, "expected text, got \(v)") }
        return s
    }

    public func requiredString(_ key: String, allowed: [String]? = nil) throws -> String {
        guard let s = try string(key) else {
            throw error(key, "missing" + (allowed.map { "; allowed: " + $0.joined(separator: ", ") } ?? ""))
        }
        if let allowed, !allowed.contains(s) {
            throw error(key, "'\(s)' is not allowed; allowed: \(allowed.joined(separator: ", "))")
        }
        return s
    }

    public func double(_ key: String) throws -> Double? {
        guard let v = values[key], v != .null else { return nil }
        switch v {
        case .number(let n): return n
        case .string(let s): if let n = Double(s) { return n }
        default: break
        }
        throw error(key, "expected a number, got '\(v)'")
    }

    public func double(_ key: String, default d: Double, in range: ClosedRange<Double>? = nil) throws -> Double {
        let v = try double(key) ?? d
        if let range, !range.contains(v) {
            throw error(key, "\(ParameterValue.format(v)) is out of range; allowed: \(ParameterValue.format(range.lowerBound))...\(ParameterValue.format(range.upperBound))")
        }
        return v
    }

    public func int(_ key: String) throws -> Int? {
        guard let d = try double(key) else { return nil }
        guard d == d.rounded(), abs(d) < 1e15 else { throw error(key, "expected an integer, got '\(values[key]!)'") }
        return Int(d)
    }

    public func int(_ key: String, default d: Int, in range: ClosedRange<Int>? = nil) throws -> Int {
        let v = try int(key) ?? d
        if let range, !range.contains(v) {
            throw error(key, "\(v) is out of range; allowed: \(range.lowerBound)...\(range.upperBound)")
        }
        return v
    }

    public func bool(_ key: String, default d: Bool) throws -> Bool {
        guard let v = values[key], v != .null else { return d }
        switch v {
        case .bool(let b): return b
        case .string("true"), .string("yes"): return true
        case .string("false"), .string("no"): return false
        default: throw error(key, "expected true or false, got '\(v)'")
        }
    }

    public func object(_ key: String) throws -> SpecObject? {
        guard let v = values[key], v != .null else { return nil }
        guard case .object(let o) = v else { throw error(key, "expected a mapping, got '\(v)'") }
        return SpecObject(o, file: file, path: fullKey(key), baseDirectory: baseDirectory)
    }

    public func array(_ key: String) throws -> [SpecValue]? {
        guard let v = values[key], v != .null else { return nil }
        guard case .array(let a) = v else { throw error(key, "expected a list, got '\(v)'") }
        return a
    }

    /// A path setting resolved against the spec's folder (absolute paths stay).
    public func path(_ key: String) throws -> String? {
        guard let p = try string(key) else { return nil }
        return resolve(p)
    }

    public func resolve(_ p: String) -> String {
        if p.hasPrefix("/") || baseDirectory == nil { return p }
        return URL(fileURLWithPath: baseDirectory!).appendingPathComponent(p).standardizedFileURL.path
    }

    /// The whole mapping as a value (for provenance).
    public var value: SpecValue { .object(values) }
}
