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
        guard let node, case .object(let top) = convert(node) else {
            throw SpecError(file: file, "expected a YAML mapping at the top level")
        }
        return SpecObject(top, file: file, baseDirectory: baseDirectory)
    }

    /// YAML node → value, using YAML's own scalar resolution (quoted text stays text).
    public static func convert(_ node: Node) -> SpecValue {
        switch node {
        case .mapping(let m):
            var out: [String: SpecValue] = [:]
            for (k, v) in m { out[k.string ?? "\(k)"] = convert(v) }
            return .object(out)
        case .sequence(let s):
            return .array(s.map(convert))
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
