import Foundation
import GymCore

/// A DNN as a table of layers, read from the shared CSV format of
/// `environments/workloads/` (one header line, then one row per layer):
///
///     name,type,N,K,C,R,S,Y,X,stride,groups
///     conv1,CONV,1,64,3,7,7,230,230,2,1
///
/// Lines starting with `#` are comments. `fingerprint` hashes the layer
/// dimensions, so editing a workload invalidates cached evaluations.
public struct Workload: Hashable, Sendable {
    public static let header = ["name", "type", "N", "K", "C", "R", "S", "Y", "X", "stride", "groups"]

    public var name: String
    public var layers: [Layer]

    public init(name: String, layers: [Layer]) {
        self.name = name
        self.layers = layers
    }

    public var macs: Int { layers.reduce(0) { $0 + $1.macs } }

    /// Stable digest of every layer's dimensions.
    public var fingerprint: String {
        let text = layers.map { l in
            "\(l.name),\(l.type.rawValue),\(l.n),\(l.k),\(l.c),\(l.r),\(l.s),\(l.y),\(l.x),\(l.stride),\(l.groups)"
        }.joined(separator: "\n")
        return "\(name):" + Configuration(["w": .text(text)]).hashHex
    }

    /// Parses workload CSV text; errors name the file, line and column.
    public static func parse(_ text: String, name: String, file: String? = nil) throws -> Workload {
        var layers: [Layer] = []
        var sawHeader = false
        for (number, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            if line.isEmpty || line.hasPrefix("#") { continue }
            let cells = line.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            let where_ = "line \(number + 1)"
            if !sawHeader {
                guard cells.map({ $0.lowercased() }) == header.map({ $0.lowercased() }) else {
                    throw SpecError(file: file, key: where_, "expected the header \(header.joined(separator: ","))")
                }
                sawHeader = true
                continue
            }
            guard cells.count == header.count else {
                throw SpecError(file: file, key: where_, "expected \(header.count) columns, found \(cells.count)")
            }
            guard let type = LayerType(rawValue: cells[1].uppercased() == "FC" ? "GEMM" : cells[1].uppercased()) else {
                throw SpecError(file: file, key: "\(where_) column type",
                                "'\(cells[1])' is not a layer type; allowed: CONV, DWCONV, GEMM, FC")
            }
            var dims: [Int] = []
            for (i, cell) in cells[2...].enumerated() {
                guard let v = Int(cell) else {
                    throw SpecError(file: file, key: "\(where_) column \(header[i + 2])", "'\(cell)' is not an integer")
                }
                dims.append(v)
            }
            let layer = Layer(name: cells[0], type: type, n: dims[0], k: dims[1], c: dims[2], r: dims[3], s: dims[4],
                              y: dims[5], x: dims[6], stride: dims[7], groups: dims[8])
            if let problem = layer.problem {
                throw SpecError(file: file, key: "\(where_) layer \(cells[0])", problem)
            }
            layers.append(layer)
        }
        guard !layers.isEmpty else { throw SpecError(file: file, "the workload has no layers") }
        return Workload(name: name, layers: layers)
    }

    /// Loads a workload given as a path (`.csv`) or the name of a shipped one
    /// (`resnet50`), looked up in `workloads/` beside the spec, then in
    /// `environments/workloads/` under the working directory.
    public static func load(_ reference: String, relativeTo baseDirectory: String?) throws -> Workload {
        let path = resolve(reference, relativeTo: baseDirectory)
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw SpecError(key: "workload", "cannot read workload '\(reference)' (looked for \(path)); give a CSV path or a shipped name: \(shippedNames(relativeTo: baseDirectory).joined(separator: ", "))")
        }
        let name = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
        return try parse(text, name: name, file: path)
    }

    static func resolve(_ reference: String, relativeTo base: String?) -> String {
        if reference.hasSuffix(".csv") || reference.contains("/") {
            if reference.hasPrefix("/") || base == nil { return reference }
            return URL(fileURLWithPath: base!).appendingPathComponent(reference).standardizedFileURL.path
        }
        for folder in searchFolders(relativeTo: base) {
            let candidate = folder + "/" + reference + ".csv"
            if FileManager.default.fileExists(atPath: candidate) { return candidate }
        }
        return (searchFolders(relativeTo: base).first ?? ".") + "/" + reference + ".csv"
    }

    static func searchFolders(relativeTo base: String?) -> [String] {
        var out: [String] = []
        if let base { out.append(base + "/workloads") }
        out.append(FileManager.default.currentDirectoryPath + "/environments/workloads")
        return out
    }

    /// Names of the workloads shipped beside the spec (for error messages).
    public static func shippedNames(relativeTo base: String?) -> [String] {
        for folder in searchFolders(relativeTo: base) {
            if let files = try? FileManager.default.contentsOfDirectory(atPath: folder) {
                let names = files.filter { $0.hasSuffix(".csv") }.map { String($0.dropLast(4)) }.sorted()
                if !names.isEmpty { return names }
            }
        }
        return []
    }
}
