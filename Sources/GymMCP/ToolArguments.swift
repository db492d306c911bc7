import GymCore
import MCP

/// A tool call that cannot run: bad arguments, or a user-input error from the
/// loaders (`SpecError`), reported to the client as a tool result with
/// `isError: true` and this one-line message.
public struct ToolError: Error, CustomStringConvertible, Sendable {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// The `arguments` of one `tools/call`, read with the tool's schema in mind:
/// unknown keys, wrong types and out-of-range numbers are `ToolError`s naming
/// the argument, never crashes.
struct ToolArguments {
    let tool: String
    let values: [String: Value]

    /// - Throws: `ToolError` when a key is not one of `allowed`.
    init(tool: String, _ values: [String: Value]?, allowed: [String]) throws {
        self.tool = tool
        self.values = values ?? [:]
        for key in self.values.keys.sorted() where !allowed.contains(key) {
            throw ToolError("\(tool): unknown argument '\(key)'; arguments: \(allowed.joined(separator: ", "))")
        }
    }

    private func present(_ key: String) -> Value? {
        guard let v = values[key], !v.isNull else { return nil }
        return v
    }

    func string(_ key: String) throws -> String? {
        guard let v = present(key) else { return nil }
        guard let s = v.stringValue else { throw ToolError("\(tool): argument '\(key)' must be a string") }
        return s
    }

    func requiredString(_ key: String) throws -> String {
        guard let s = try string(key), !s.isEmpty else {
            throw ToolError("\(tool): missing required argument '\(key)'")
        }
        return s
    }

    /// An integer (a JSON number with no fraction) in `range`, or `defaultValue` when absent.
    func int(_ key: String, default defaultValue: Int, in range: ClosedRange<Int>) throws -> Int {
        guard let v = present(key) else { return defaultValue }
        let n: Int?
        switch v {
        case .int(let i): n = i
        case .double(let d) where d == d.rounded() && abs(d) < 9.0e15: n = Int(d)
        default: n = nil
        }
        guard let n, range.contains(n) else {
            throw ToolError("\(tool): argument '\(key)' must be an integer in \(range.lowerBound)...\(range.upperBound)")
        }
        return n
    }

    /// A positive finite number, or nil when absent.
    func positiveDouble(_ key: String) throws -> Double? {
        guard let v = present(key) else { return nil }
        let d: Double? = v.doubleValue ?? v.intValue.map(Double.init)
        guard let d, d.isFinite, d > 0 else { throw ToolError("\(tool): argument '\(key)' must be a positive number") }
        return d
    }

    func bool(_ key: String, default defaultValue: Bool) throws -> Bool {
        guard let v = present(key) else { return defaultValue }
        guard let b = v.boolValue else { throw ToolError("\(tool): argument '\(key)' must be true or false") }
        return b
    }

    /// An object of scalars, as `key=value` strings the way `--set` takes them
    /// (numbers and booleans as JSON writes them, strings as they are, nested
    /// values as JSON, which the spec loader reads as YAML flow).
    func assignments(_ key: String) throws -> [String] {
        guard let v = present(key) else { return [] }
        guard let object = v.objectValue else { throw ToolError("\(tool): argument '\(key)' must be an object") }
        return try object.keys.sorted().map { name in
            guard !name.isEmpty, !name.contains("=") else {
                throw ToolError("\(tool): '\(key)' has an invalid key '\(name)'")
            }
            guard let text = JSONValue.assignmentText(object[name]!) else {
                throw ToolError("\(tool): '\(key).\(name)' must be a string, number, boolean, array or object")
            }
            return "\(name)=\(text)"
        }
    }

    /// The keys of an object argument (empty when absent).
    func keys(_ key: String) -> [String] {
        present(key)?.objectValue?.keys.sorted() ?? []
    }
}
