import Foundation
import Testing

/// Every malformed input gets one clear line naming the file and the key,
/// exit code 2, and leaves the database untouched.
struct BadInputTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var label: String
        /// Files to write into the temporary folder (name → contents).
        var files: [String: String]
        var arguments: [String]
        /// Fragments the error line must contain ($DIR is the temporary folder).
        var mentions: [String]
        var testDescription: String { label }
    }

    static let goodEnv = "environment: synthetic-hartmann6\nobjective: {kind: minimize, metric: value}\n"

    static let cases: [Case] = [
        Case(label: "spec file missing", files: [:],
             arguments: ["run", "--env", "$DIR/nope.yaml", "--agent", "random"], mentions: ["$DIR/nope.yaml", "cannot read"]),
        Case(label: "spec not YAML", files: ["e.yaml": "environment: [unclosed\n"],
             arguments: ["run", "--env", "$DIR/e.yaml", "--agent", "random"], mentions: ["$DIR/e.yaml", "not valid YAML"]),
        Case(label: "environment key missing", files: ["e.yaml": "settings: {grid_points: 11}\n"],
             arguments: ["run", "--env", "$DIR/e.yaml", "--agent", "random"], mentions: ["$DIR/e.yaml", "key 'environment'", "synthetic-hartmann6"]),
        Case(label: "unknown environment kind", files: ["e.yaml": "environment: dramsys\n"],
             arguments: ["run", "--env", "$DIR/e.yaml", "--agent", "random"], mentions: ["$DIR/e.yaml", "key 'environment'", "'dramsys' is not allowed"]),
        Case(label: "unknown top-level key", files: ["e.yaml": goodEnv + "budgett: 3\n"],
             arguments: ["run", "--env", "$DIR/e.yaml", "--agent", "random"], mentions: ["$DIR/e.yaml", "key 'budgett'", "allowed:"]),
        Case(label: "setting of the wrong type", files: ["e.yaml": "environment: synthetic-hartmann6\nsettings: {grid_points: many}\n"],
             arguments: ["run", "--env", "$DIR/e.yaml", "--agent", "random"], mentions: ["$DIR/e.yaml", "key 'settings.grid_points'", "expected a number"]),
        Case(label: "unknown setting", files: ["e.yaml": "environment: synthetic-hartmann6\nsettings: {grid: 5}\n"],
             arguments: ["run", "--env", "$DIR/e.yaml", "--agent", "random"], mentions: ["$DIR/e.yaml", "key 'settings.grid'", "grid_points"]),
        Case(label: "unknown parameter in space", files: ["e.yaml": goodEnv + "space: {x9: [0.1]}\n"],
             arguments: ["run", "--env", "$DIR/e.yaml", "--agent", "random"], mentions: ["$DIR/e.yaml", "key 'space.x9'", "x1, x2"]),
        Case(label: "value outside its domain", files: ["e.yaml": goodEnv + "space: {x1: [0.1, 0.15]}\n"],
             arguments: ["run", "--env", "$DIR/e.yaml", "--agent", "random"], mentions: ["$DIR/e.yaml", "key 'space.x1'", "0.15", "one of 0, 0.1"]),
        Case(label: "unknown objective metric", files: ["e.yaml": "environment: synthetic-hartmann6\nobjective: {kind: minimize, metric: energy_pJ}\n"],
             arguments: ["run", "--env", "$DIR/e.yaml", "--agent", "random"], mentions: ["$DIR/e.yaml", "key 'objective.metric'", "value"]),
        Case(label: "unknown agent", files: ["e.yaml": goodEnv],
             arguments: ["run", "--env", "$DIR/e.yaml", "--agent", "hillclimber"], mentions: ["key '--agent'", "random-walker"]),
        Case(label: "agent preset with an unknown hyperparameter", files: ["e.yaml": goodEnv, "a.yaml": "agent: random\nhyperparameters: {batchsize: 3}\n"],
             arguments: ["run", "--env", "$DIR/e.yaml", "--agent", "$DIR/a.yaml"], mentions: ["$DIR/a.yaml", "key 'hyperparameters.batchsize'", "batch_size"]),
        Case(label: "agent preset with a value of the wrong type", files: ["e.yaml": goodEnv, "a.yaml": "agent: random-walker\nhyperparameters: {jump_probability: often}\n"],
             arguments: ["run", "--env", "$DIR/e.yaml", "--agent", "$DIR/a.yaml"], mentions: ["$DIR/a.yaml", "jump_probability"]),
        Case(label: "--set without =", files: ["e.yaml": goodEnv],
             arguments: ["evaluate", "--env", "$DIR/e.yaml", "--set", "x1"], mentions: ["key '--set'", "key=value"]),
        Case(label: "--set value outside the domain", files: ["e.yaml": goodEnv],
             arguments: ["evaluate", "--env", "$DIR/e.yaml", "--set", "x1=0.33"], mentions: ["$DIR/e.yaml", "key 'x1'", "one of 0, 0.1"]),
        Case(label: "zero trials", files: ["e.yaml": goodEnv],
             arguments: ["run", "--env", "$DIR/e.yaml", "--agent", "random", "--trials", "0"], mentions: ["key '--trials'"]),
        Case(label: "resume of a database that does not exist", files: [:],
             arguments: ["resume", "--db", "$DIR/db.sqlite", "--name", "x"], mentions: ["$DIR/db.sqlite", "no such database"]),
        // Issue 20: accepted nonsense.
        Case(label: "constraint min above max",
             files: ["e.yaml": "environment: synthetic-hartmann6\nobjective: {kind: minimize, metric: value, constraints: {value: {min: 5, max: 1}}}\n"],
             arguments: ["run", "--env", "$DIR/e.yaml", "--agent", "random"],
             mentions: ["$DIR/e.yaml", "key 'objective.constraints.value.min'", "exceeds max 1"]),
        Case(label: "negative target where the formula divides by it",
             files: ["e.yaml": "environment: synthetic-hartmann6\nobjective: {kind: timeloop-cost, targets: {value: -2}}\n"],
             arguments: ["run", "--env", "$DIR/e.yaml", "--agent", "random"],
             mentions: ["$DIR/e.yaml", "key 'objective.targets.value'", "must be positive"]),
        Case(label: "empty --name", files: ["e.yaml": goodEnv],
             arguments: ["run", "--env", "$DIR/e.yaml", "--agent", "random", "--name", ""], mentions: ["key '--name'", "empty"]),
        Case(label: "--name with a newline", files: ["e.yaml": goodEnv],
             arguments: ["run", "--env", "$DIR/e.yaml", "--agent", "random", "--name", "a\nb"], mentions: ["key '--name'", "U+A"]),
        Case(label: "--set given twice for one key", files: ["e.yaml": goodEnv],
             arguments: ["evaluate", "--env", "$DIR/e.yaml", "--set", "x1=0.1", "--set", "x1=0.2"],
             mentions: ["key '--set'", "'x1' is set twice"]),
        Case(label: "negative --trials", files: ["e.yaml": goodEnv],
             arguments: ["run", "--env", "$DIR/e.yaml", "--agent", "random", "--trials", "-5"],
             mentions: ["key '--trials'", "-5 is out of range; allowed: 1...1000000000"]),
        Case(label: "integer default beyond Int",
             files: ["e.yaml": "environment: dram\ndefaults: {RequestBufferSize: 1e30}\n"],
             arguments: ["run", "--env", "$DIR/e.yaml", "--agent", "random"],
             mentions: ["$DIR/e.yaml", "key 'defaults.RequestBufferSize'", "1...8"]),
        Case(label: "memspec of an unsupported device type",
             files: ["e.yaml": "environment: dram\nsettings: {memspec: m.json}\n",
                     "m.json": (try? String(contentsOfFile: "\(CLI.packageRoot.path)/environments/memspecs/ddr4-2400-x8-4gb.json", encoding: .utf8))?
                        .replacingOccurrences(of: "\"DDR4\"", with: "\"DDR5\"") ?? ""],
             arguments: ["run", "--env", "$DIR/e.yaml", "--agent", "random"],
             mentions: ["$DIR/m.json", "key 'memspec.memoryType'", "DDR3, DDR4"]),
        Case(label: "trace clock far below a megahertz",
             files: ["e.yaml": "environment: dram\nsettings: {trace_clock_mhz: 1e-9}\n"],
             arguments: ["run", "--env", "$DIR/e.yaml", "--agent", "random"],
             mentions: ["$DIR/e.yaml", "key 'settings.trace_clock_mhz'", "1...10000"]),
    ]

    @Test(arguments: cases)
    func badInput_exitsTwo_namingFileAndKey_andTouchesNoDatabase(_ c: Case) throws {
        let dir = CLI.temporaryFolder().path
        for (name, text) in c.files { try text.write(toFile: "\(dir)/\(name)", atomically: true, encoding: .utf8) }
        let db = "\(dir)/db.sqlite"
        var arguments = c.arguments.map { $0.replacingOccurrences(of: "$DIR", with: dir) }
        if arguments[0] == "run" { arguments += ["--db", db] }
        let out = try CLI.run(arguments)
        #expect(out.status == 2, "\(c.label): status \(out.status), stderr \(out.stderr)")
        let lines = out.stderr.split(separator: "\n")
        #expect(lines.count == 1, "\(c.label): \(out.stderr)")
        for fragment in c.mentions.map({ $0.replacingOccurrences(of: "$DIR", with: dir) }) {
            #expect(out.stderr.contains(fragment), "\(c.label): '\(fragment)' missing from: \(out.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: db), "\(c.label): the database was created")
    }

    @Test func resumeOfAnUnknownCampaign_listsTheCampaigns() throws {
        let dir = CLI.temporaryFolder().path
        let db = "\(dir)/db.sqlite"
        _ = try CLI.run(["run", "--env", "environments/synthetic-hartmann6.yaml", "--agent", "random", "--trials", "5", "--db", db, "--name", "first"])
        let out = try CLI.run(["resume", "--db", db, "--name", "second"])
        #expect(out.status == 2)
        #expect(out.stderr.contains("key '--name'"))
        #expect(out.stderr.contains("first"))
    }
}
