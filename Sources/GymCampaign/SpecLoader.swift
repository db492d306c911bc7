import Foundation
import GymCore
import Yams

/// Reads YAML spec files into `SpecObject`s, keeping the file name for errors
/// and the file's folder for resolving relative paths inside it.
public enum SpecLoader {
    public static func load(_ path: String) throws -> SpecObject {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw SpecError(file: path, "cannot read the file (missing or unreadable)")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw SpecError(file: path, "not UTF-8 text")
        }
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().standardizedFileURL.path
        return try parse(text, file: path, baseDirectory: folder)
    }

    public static func parse(_ text: String, file: String, baseDirectory: String?) throws -> SpecObject {
        let node: Node?
        do { node = try Yams.compose(yaml: text) } catch {
            // One line: the parser's first line says where and what.
            let first = "\(error)".split(separator: "\n").first.map(String.init) ?? "\(error)"
            throw SpecError(file: file, "not valid YAML: \(first)")
        }
        var budget = maxValues
        guard let node, case .object(let top) = try convert(node, budget: &budget, file: file) else {
            throw SpecError(file: file, "expected a YAML mapping at the top level")
        }
        return SpecObject(top, file: file, baseDirectory: baseDirectory)
    }

    /// The most values a spec may expand to. YAML aliases let a short file
    /// expand exponentially (nine nested anchors of nine references each give
    /// 387 million values), so expansion stops with an error past this count.
    /// Shipped specs hold a few hundred values; 10^5 keeps the refusal under
    /// a second even in a debug build (10^6 took 10 s there).
    public static let maxValues = 100_000

    /// YAML node → value, using YAML's own scalar resolution (quoted text stays
    /// text); `budget` counts down the values still allowed.
    static func convert(_ node: Node, budget: inout Int, file: String) throws -> SpecValue {
        budget -= 1
        guard budget >= 0 else {
            throw SpecError(file: file, "the YAML expands to more than \(maxValues) values (aliases nested too deep?)")
        }
        switch node {
        case .mapping(let m):
            var out: [String: SpecValue] = [:]
            for (k, v) in m { out[k.string ?? "\(k)"] = try convert(v, budget: &budget, file: file) }
            return .object(out)
        case .sequence(let s):
            var out: [SpecValue] = []
            for item in s { out.append(try convert(item, budget: &budget, file: file)) }
            return .array(out)
        case .scalar(let s):
            if s.style == .plain {
                if node.null != nil, s.string.isEmpty || ["~", "null", "Null", "NULL"].contains(s.string) { return .null }
                if ["true", "True", "TRUE", "false", "False", "FALSE"].contains(s.string) { return .bool(node.bool!) }
                if let i = node.int { return .number(Double(i)) }
                if let d = node.float, !s.string.lowercased().hasPrefix("."), Double(s.string) != nil { return .number(d) }
            }
            return .string(s.string)
        case .alias:
            return .null
        }
    }
}
