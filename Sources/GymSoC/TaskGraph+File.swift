import Foundation
import GymCore

/// The task-graph file format of `environments/soc/*.soc` (one statement per
/// line, fields separated by spaces, `#` starts a comment):
///
///     workload audio_decoder                 # optional; default: the file name
///     last dummy_last                        # the task whose completion is the latency
///     budget latency_s 0.021                 # FARSI budgets (all three required)
///     budget power_W 0.008737
///     budget area_m2 1.7475e-5
///     # task NAME A53_CYCLES IP_CYCLES IP_ENERGY IP_AREA ITERATIONS   ("-" for no IP)
///     task zoomProcess 1459196 104855 100.54 54359 1
///     task source 0 - - - 1                  # zero work: a dummy task
///     # edge PRODUCER CONSUMER BYTES
///     edge source psychoFilter 193576
///
/// Tasks keep file order (the order of the design-space knobs). Errors name
/// the file and line.
extension TaskGraph {
    public static let fileExtension = ".soc"

    public static func parse(_ text: String, name defaultName: String, file: String? = nil) throws -> TaskGraph {
        var name = defaultName
        var tasks: [SoCTask] = []
        var rawEdges: [(String, String, Double, String)] = []
        var lastName: String?
        var budget: [String: Double] = [:]
        let budgetKeys = ["latency_s", "power_W", "area_m2"]

        for (lineIndex, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            let f = line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" }).map(String.init)
            guard let keyword = f.first else { continue }
            let at = "line \(lineIndex + 1)"
            func fail(_ message: String) -> SpecError { SpecError(file: file, key: at, message) }
            func count(_ n: Int, _ form: String) throws {
                guard f.count == n else { throw fail("expected '\(form)', found \(f.count) fields") }
            }
            func number(_ i: Int, _ what: String, optional: Bool = false) throws -> Double? {
                if optional && f[i] == "-" { return nil }
                guard let v = Double(f[i]), v.isFinite, v >= 0 else {
                    throw fail("\(what) '\(f[i])' is not a non-negative number\(optional ? " or -" : "")")
                }
                return v
            }
            switch keyword {
            case "workload":
                try count(2, "workload NAME")
                name = f[1]
            case "last":
                try count(2, "last TASK")
                lastName = f[1]
            case "budget":
                try count(3, "budget KEY VALUE")
                guard budgetKeys.contains(f[1]) else {
                    throw fail("unknown budget '\(f[1])'; allowed: \(budgetKeys.joined(separator: ", "))")
                }
                guard let v = try number(2, "budget"), v > 0 else { throw fail("budget \(f[1]) must be positive") }
                budget[f[1]] = v
            case "task":
                try count(7, "task NAME A53_CYCLES IP_CYCLES IP_ENERGY IP_AREA ITERATIONS")
                guard !tasks.contains(where: { $0.name == f[1] }) else { throw fail("task '\(f[1])' is defined twice") }
                let cycles = try number(2, "A53 cycles")!
                let ip = try number(3, "IP cycles", optional: true)
                let energy = try number(4, "IP energy", optional: true)
                let area = try number(5, "IP area", optional: true)
                guard (ip == nil) == (energy == nil) && (ip == nil) == (area == nil) else {
                    throw fail("give IP cycles, energy and area together, or - for all three")
                }
                guard let iterations = Int(f[6]), iterations >= 1 else { throw fail("iterations '\(f[6])' must be an integer >= 1") }
                if cycles == 0, ip != nil { throw fail("a dummy task (0 A53 cycles) has no IP; use - - -") }
                if let ip, ip <= 0 { throw fail("IP cycles must be positive") }
                tasks.append(SoCTask(name: f[1], a53Cycles: cycles, ipCycles: ip, ipEnergyValue: energy ?? 0,
                                     ipAreaValue: area ?? 0, iterations: iterations))
            case "edge":
                try count(4, "edge PRODUCER CONSUMER BYTES")
                guard let bytes = try number(3, "bytes"), bytes > 0 else { throw fail("edge bytes must be positive") }
                rawEdges.append((f[1], f[2], bytes, at))
            default:
                throw fail("unknown statement '\(keyword)'; allowed: workload, last, budget, task, edge")
            }
        }

        guard !tasks.isEmpty else { throw SpecError(file: file, "the task graph has no tasks") }
        let known = tasks.map(\.name)
        var edges: [SoCEdge] = []
        for (from, to, bytes, at) in rawEdges {
            guard let a = known.firstIndex(of: from) else { throw SpecError(file: file, key: at, "unknown task '\(from)'") }
            guard let b = known.firstIndex(of: to) else { throw SpecError(file: file, key: at, "unknown task '\(to)'") }
            guard a != b else { throw SpecError(file: file, key: at, "task '\(from)' feeds itself") }
            guard !edges.contains(where: { $0.from == a && $0.to == b }) else {
                throw SpecError(file: file, key: at, "edge \(from) -> \(to) is given twice")
            }
            edges.append(SoCEdge(from: a, to: b, bytes: bytes))
        }
        guard let lastName else { throw SpecError(file: file, key: "last", "missing 'last TASK'") }
        guard let last = known.firstIndex(of: lastName) else {
            throw SpecError(file: file, key: "last", "unknown task '\(lastName)'")
        }
        for key in budgetKeys where budget[key] == nil {
            throw SpecError(file: file, key: "budget", "missing 'budget \(key) VALUE'")
        }
        let graph = TaskGraph(name: name, tasks: tasks, edges: edges, lastTask: last,
                              budgets: SoCBudgets(latency: budget["latency_s"]!, power: budget["power_W"]!, area: budget["area_m2"]!))
        if let cycle = graph.taskOnACycle {
            throw SpecError(file: file, key: "edge", "the edges form a cycle through '\(tasks[cycle].name)'")
        }
        return graph
    }

    /// A task on a dependency cycle, if any (Kahn's algorithm leaves it unvisited).
    var taskOnACycle: Int? {
        var pending = inputs.map(\.count)
        var ready = tasks.indices.filter { pending[$0] == 0 }
        var seen = 0
        while let t = ready.popLast() {
            seen += 1
            for c in children(of: t) {
                pending[c] -= 1
                if pending[c] == 0 { ready.append(c) }
            }
        }
        return seen == tasks.count ? nil : tasks.indices.first { pending[$0] > 0 }
    }

    /// Loads a task graph given as a path (`.soc`) or a shipped name
    /// (`audio_decoder`), looked up in `soc/` beside the spec, then in
    /// `environments/soc/` under the working directory.
    public static func load(_ reference: String, relativeTo base: String?) throws -> TaskGraph {
        let path = resolve(reference, relativeTo: base)
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw SpecError(key: "workload", "cannot read task graph '\(reference)' (looked for \(path)); give a \(fileExtension) path or a shipped name: \(shippedNames(relativeTo: base).joined(separator: ", "))")
        }
        return try parse(text, name: URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent, file: path)
    }

    static func resolve(_ reference: String, relativeTo base: String?) -> String {
        if reference.hasSuffix(fileExtension) || reference.contains("/") {
            if reference.hasPrefix("/") || base == nil { return reference }
            return URL(fileURLWithPath: base!).appendingPathComponent(reference).standardizedFileURL.path
        }
        let folders = searchFolders(relativeTo: base)
        for folder in folders where FileManager.default.fileExists(atPath: folder + "/" + reference + fileExtension) {
            return folder + "/" + reference + fileExtension
        }
        return folders[0] + "/" + reference + fileExtension
    }

    static func searchFolders(relativeTo base: String?) -> [String] {
        (base.map { [$0 + "/soc"] } ?? []) + [FileManager.default.currentDirectoryPath + "/environments/soc"]
    }

    /// Names of the task graphs shipped beside the spec (for error messages).
    public static func shippedNames(relativeTo base: String?) -> [String] {
        for folder in searchFolders(relativeTo: base) {
            if let files = try? FileManager.default.contentsOfDirectory(atPath: folder) {
                let names = files.filter { $0.hasSuffix(fileExtension) }.map { String($0.dropLast(fileExtension.count)) }.sorted()
                if !names.isEmpty { return names }
            }
        }
        return []
    }
}
