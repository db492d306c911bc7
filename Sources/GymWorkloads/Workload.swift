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
///
/// The extended header adds three columns (docs/references.md §10); files
/// with the 11-column header read as before, with their defaults:
///
///     name,type,N,K,C,R,S,Y,X,stride,groups,batch,vector_ops,kv_cache
///     l0_attn_score,BMM,4,4097,128,1,1,1,1,1,1,64,5244160,read
///
/// `batch` (default 1) is the number of independent GEMMs of a `BMM` row;
/// `vector_ops` (default 0) the element-wise vector operations done with the
/// layer; `kv_cache` (`-`, `read` or `write`, default `-`) how it touches the
/// KV cache.
public struct Workload: Hashable, Sendable {
    public static let header = ["name", "type", "N", "K", "C", "R", "S", "Y", "X", "stride", "groups"]
    public static let extendedHeader = header + ["batch", "vector_ops", "kv_cache"]

    public var name: String
    public var layers: [Layer]

    public init(name: String, layers: [Layer]) {
        self.name = name
        self.layers = layers
    }

    public var macs: Int { layers.reduce(0) { $0 + $1.macs } }

    /// Stable digest of every layer's dimensions.
    public var fingerprint: String {
        // The extended columns are appended only when set, so the digest of an
        // 11-column workload is what it always was.
        let text = layers.map { l in
            let base = "\(l.name),\(l.type.rawValue),\(l.n),\(l.k),\(l.c),\(l.r),\(l.s),\(l.y),\(l.x),\(l.stride),\(l.groups)"
            return l.batch == 1 && l.vectorOps == 0 && l.kvCache == .none
                ? base : base + ",\(l.batch),\(l.vectorOps),\(l.kvCache.rawValue)"
        }.joined(separator: "\n")
        return "\(name):" + Configuration(["w": .text(text)]).hashHex
    }

    /// Parses workload CSV text; errors name the file, line and column.
    public static func parse(_ text: String, name: String, file: String? = nil) throws -> Workload {
        var layers: [Layer] = []
        var sawHeader = false
        var columns = header
        for (number, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            if line.isEmpty || line.hasPrefix("#") { continue }
            let cells = line.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            let where_ = "line \(number + 1)"
            if !sawHeader {
                let lowered = cells.map { $0.lowercased() }
                if lowered == extendedHeader.map({ $0.lowercased() }) {
                    columns = extendedHeader
                } else if lowered != header.map({ $0.lowercased() }) {
                    throw SpecError(file: file, key: where_, "expected the header \(header.joined(separator: ",")) or \(extendedHeader.joined(separator: ","))")
                }
                sawHeader = true
                continue
            }
            guard cells.count == columns.count else {
                throw SpecError(file: file, key: where_, "expected \(columns.count) columns, found \(cells.count)")
            }
            guard let type = LayerType(rawValue: cells[1].uppercased() == "FC" ? "GEMM" : cells[1].uppercased()) else {
                throw SpecError(file: file, key: "\(where_) column type",
                                "'\(cells[1])' is not a layer type; allowed: CONV, DWCONV, GEMM, FC, BMM")
            }
            var dims: [Int] = []
            for (i, cell) in cells[2..<min(cells.count, 13)].enumerated() {
                guard let v = Int(cell) else {
                    throw SpecError(file: file, key: "\(where_) column \(columns[i + 2])", "'\(cell)' is not an integer")
                }
                dims.append(v)
            }
            var kv = KVCacheRole.none
            if columns.count > header.count {
                guard let role = KVCacheRole(rawValue: cells[13].isEmpty ? "-" : cells[13].lowercased()) else {
                    throw SpecError(file: file, key: "\(where_) column kv_cache",
                                    "'\(cells[13])' is not allowed; allowed: -, read, write")
                }
                kv = role
            }
            let layer = Layer(name: cells[0], type: type, n: dims[0], k: dims[1], c: dims[2], r: dims[3], s: dims[4],
                              y: dims[5], x: dims[6], stride: dims[7], groups: dims[8],
                              batch: dims.count > 9 ? dims[9] : 1, vectorOps: dims.count > 10 ? dims[10] : 0, kvCache: kv)
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
        if reference.hasSuffix(".csv") || isLLMConfig(reference) || reference.contains("/") {
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
