import Foundation

/// The harness's inputs: issue 20's reproducers, then seeded mutations of
/// every shipped spec, memspec, trace and workload. Same seed, same corpus.
enum FuzzCorpus {
    static let root = CLI.packageRoot.path + "/environments"

    static func read(_ path: String) -> String { (try? String(contentsOfFile: path, encoding: .utf8)) ?? "" }

    static func shipped(_ folder: String, _ suffix: String) -> [String] {
        let dir = folder.isEmpty ? root : root + "/" + folder
        return ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).filter { $0.hasSuffix(suffix) }.sorted()
            .map { dir + "/" + $0 }
    }

    /// The first lines of a shipped trace: evaluations stay short.
    static func smallTrace(_ name: String = "random") -> String {
        read(root + "/traces/\(name).stl").split(separator: "\n").prefix(40).joined(separator: "\n") + "\n"
    }

    /// The header and first rows of a shipped workload: coupled evaluations stay short.
    static func smallWorkload(_ name: String = "gpt2_decode") -> String {
        read(root + "/workloads/\(name).csv").split(separator: "\n").filter { !$0.hasPrefix("#") }.prefix(5)
            .joined(separator: "\n") + "\n"
    }

    static func evaluate(_ label: String, _ files: [String: String], spec: String = "e.yaml", _ extra: [String] = []) -> FuzzInput {
        FuzzInput(label: label, files: files, arguments: ["evaluate", "--env", "$DIR/\(spec)"] + extra)
    }

    static func run(_ label: String, _ files: [String: String], agent: String = "random", _ extra: [String] = []) -> FuzzInput {
        FuzzInput(label: label, files: files,
                  arguments: ["run", "--env", "$DIR/e.yaml", "--agent", agent, "--trials", "2", "--db", "$DIR/db.sqlite"] + extra)
    }

    static let dramSpec = "environment: dram\nsettings: {memspec: m.json, trace: t.stl}\n"
    static let hartmann = "environment: synthetic-hartmann6\nobjective: {kind: minimize, metric: value}\n"

    /// Issue 20's reproducers (and the rejections it asked for).
    static func reproducers() -> [FuzzInput] {
        let ddr4 = read(root + "/memspecs/ddr4-2400-x8-4gb.json"), ddr3 = read(root + "/memspecs/ddr3-1600-x8-1gb.json")
        let trace = smallTrace()
        func memspec(_ key: String, _ value: String, base: String? = nil) -> String {
            let b = base ?? ddr4
            guard let r = b.range(of: "\"\(key)\": *[^,}\\n]+", options: .regularExpression) else { return b }
            return b.replacingCharacters(in: r, with: "\"\(key)\": \(value)")
        }
        var out: [FuzzInput] = []
        for (env, workload) in [("accelerator", "resnet50"), ("accelerator-mapping", "resnet18"), ("accelerator-eyeriss", "alexnet")] {
            let csv = read(root + "/workloads/\(workload).csv")
            let big = Mutator.replacingNumber(csv, 3, with: "1000000000000000000") ?? csv   // a K (or N) of 1e18
            out.append(evaluate("\(env): layer dimension 1e18", ["e.yaml": "environment: \(env)\nsettings: {workload: w.csv}\n", "w.csv": big]))
        }
        let half = Int.max / 2 + 1
        out += [
            evaluate("relative trace overflowing 64 bits", ["e.yaml": "environment: dram\nsettings: {trace: t.rstl}\n",
                                                             "t.rstl": "\(half): read 0x0\n\(half): read 0x40\n\(half): read 0x80\n"]),
            evaluate("trace cycle 2^63-1", ["e.yaml": "environment: dram\nsettings: {trace: t.stl}\n", "t.stl": "0: read 0x0\n9223372036854775807: read 0x40\n"]),
            evaluate("trace clock 0.001 MHz with cycle 1e15", ["e.yaml": "environment: dram\nsettings: {trace: t.stl, trace_clock_mhz: 0.001}\n",
                                                                 "t.stl": "0: read 0x0\n1000000000000000: read 0x40\n"]),
            evaluate("trace clock 1e-9 MHz", ["e.yaml": "environment: dram\nsettings: {trace: t.stl, trace_clock_mhz: 1e-9}\n", "t.stl": trace]),
            evaluate("trace idle gap of 1e12 cycles", ["e.yaml": "environment: dram\nsettings: {trace: t.stl}\n",
                                                        "t.stl": "0: read 0x0\n1000000000000: read 0x40\n"]),
            evaluate("decimal trace address", ["e.yaml": "environment: dram\nsettings: {trace: t.stl}\n", "t.stl": "0: read 4096\n"]),
            evaluate("memspec rows 2^40", ["e.yaml": dramSpec, "m.json": memspec("nbrOfRows", "1099511627776"), "t.stl": trace]),
            evaluate("memspec burstLength 2^40", ["e.yaml": dramSpec, "m.json": memspec("burstLength", "1099511627776"), "t.stl": trace]),
            evaluate("memspec value 1e400", ["e.yaml": dramSpec, "m.json": memspec("idd0", "1e400"), "t.stl": trace]),
            evaluate("memspec DDR5 on a DDR4 body", ["e.yaml": dramSpec, "m.json": memspec("memoryType", "\"DDR5\""), "t.stl": trace]),
            evaluate("memspec memoryType 7", ["e.yaml": dramSpec, "m.json": memspec("memoryType", "7"), "t.stl": trace]),
            evaluate("memspec clkMhz 1e18", ["e.yaml": dramSpec, "m.json": memspec("clkMhz", "1e18"), "t.stl": trace]),
            evaluate("memspec RL 0", ["e.yaml": dramSpec, "m.json": memspec("RL", "0", base: ddr3), "t.stl": trace]),
            evaluate("memspec RCD 0", ["e.yaml": dramSpec, "m.json": memspec("RCD", "0"), "t.stl": trace]),
            run("GA population 1e12", ["e.yaml": hartmann, "a.yaml": "agent: ga\nhyperparameters: {population_size: 1e12}\n"], agent: "$DIR/a.yaml"),
            run("GA tournament 1000 of 32", ["e.yaml": hartmann, "a.yaml": "agent: ga\nhyperparameters: {population_size: 32, tournament_size: 1000}\n"], agent: "$DIR/a.yaml"),
            evaluate("9-level YAML alias bomb", ["e.yaml": aliasBomb(levels: 9)]),
            run("constraint min above max", ["e.yaml": "environment: synthetic-hartmann6\nobjective: {kind: minimize, metric: value, constraints: {value: {min: 5, max: 1}}}\n"]),
            run("negative ArchGym target", ["e.yaml": "environment: synthetic-hartmann6\nobjective: {kind: archgym-target, targets: {value: -1}}\n"]),
            run("empty --name", ["e.yaml": hartmann], ["--name", ""]),
            run("--name with a newline", ["e.yaml": hartmann], ["--name", "a\nb"]),
            evaluate("--set twice", ["e.yaml": hartmann], ["--set", "x1=0.1", "--set", "x1=0.2"]),
            run("--trials -5", ["e.yaml": hartmann], ["--trials", "-5"]),
            run("--wall-seconds nan", ["e.yaml": hartmann], ["--wall-seconds", "nan"]),
            run("integer default beyond Int", ["e.yaml": "environment: dram\nsettings: {trace: t.stl}\ndefaults: {RequestBufferSize: 1e30}\n", "t.stl": trace]),
            FuzzInput(label: "--db ''", files: ["e.yaml": hartmann], arguments: ["run", "--env", "$DIR/e.yaml", "--agent", "random", "--trials", "2", "--db", ""]),
        ]
        return out
    }

    /// `levels` of YAML aliases, each doubling the one before.
    static func aliasBomb(levels: Int) -> String {
        var s = "environment: synthetic-hartmann6\na0: &a0 [x, x, x, x, x, x, x, x, x]\n"
        for i in 1..<levels {
            s += "a\(i): &a\(i) [" + Array(repeating: "*a\(i - 1)", count: 9).joined(separator: ", ") + "]\n"
        }
        return s
    }

    /// Seeded mutations of every shipped spec, memspec, trace and workload.
    static func mutations(seed: UInt64) -> [FuzzInput] {
        var m = Mutator(seed: seed)
        var out: [FuzzInput] = []
        let trace = smallTrace()
        // Specs: 14 mutations each (Eyeriss's mapper takes seconds per evaluation: 6).
        for path in shipped("", ".yaml") {
            let name = URL(fileURLWithPath: path).lastPathComponent
            var text = read(path)
            var files: [String: String] = [:]
            if text.contains("environment: dram") {
                text = text.replacingOccurrences(of: #"trace: [a-z0-9-]+"#, with: "trace: t.stl", options: .regularExpression)
                files["t.stl"] = trace
            }
            if text.contains("environment: accelerator-dram") {
                // A whole network's streams take seconds per evaluation in debug: four GEMM rows keep it short.
                text = text.replacingOccurrences(of: #"workload: [A-Za-z0-9_./-]+"#, with: "workload: w.csv", options: .regularExpression)
                files["w.csv"] = smallWorkload()
            }
            for i in 0..<(name.contains("eyeriss") ? 6 : 14) {
                let (mutated, what) = m.mutate(text, json: false)
                var f = files
                f["e.yaml"] = mutated
                out.append(i % 4 == 3 ? run("\(name): \(what)", f) : evaluate("\(name): \(what)", f))
            }
        }
        // Memspecs: every number once with a hostile value, and 20 random mutations each.
        for path in shipped("memspecs", ".json") {
            let name = URL(fileURLWithPath: path).lastPathComponent
            let text = read(path)
            for k in 0..<Mutator.numberRanges(text).count {
                let value = m.pick(Mutator.hostileNumbers)
                out.append(evaluate("\(name): number \(k) → \(value)",
                                    ["e.yaml": dramSpec, "t.stl": trace, "m.json": Mutator.replacingNumber(text, k, with: value)!]))
            }
            for _ in 0..<20 {
                let (mutated, what) = m.mutate(text, json: true)
                out.append(evaluate("\(name): \(what)", ["e.yaml": dramSpec, "t.stl": trace, "m.json": mutated]))
            }
        }
        // Traces: 30 mutations each, as .stl and (every third) as .rstl.
        for path in shipped("traces", ".stl") {
            let name = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
            let text = smallTrace(name)
            for i in 0..<30 {
                let (mutated, what) = m.mutate(text, json: false)
                let file = i % 3 == 2 ? "t.rstl" : "t.stl"
                out.append(evaluate("\(name) trace (\(file)): \(what)",
                                    ["e.yaml": "environment: dram\nsettings: {trace: \(file)}\n", file: mutated]))
            }
        }
        // Workloads: 14 mutations each, on the environment that reads them fastest.
        for path in shipped("workloads", ".csv") {
            let name = URL(fileURLWithPath: path).lastPathComponent
            let text = read(path)
            for _ in 0..<14 {
                let (mutated, what) = m.mutate(text, json: false)
                out.append(evaluate("\(name): \(what)", ["e.yaml": "environment: accelerator\nsettings: {workload: w.csv}\n", "w.csv": mutated]))
            }
        }
        return out
    }
}
