import Foundation
import Testing

/// The store is a valid Optuna storage: Python's optuna opens a database the
/// CLI wrote and sees the same trials, parameters and values as the CSV export.
/// Needs a Python with optuna: $DSEGYM_PYTHON or .venv/bin/python (`.ci/run`
/// creates it). Skipped elsewhere, but never in CI.
struct OptunaInteropTests {
    static var python: String? {
        if let p = ProcessInfo.processInfo.environment["DSEGYM_PYTHON"], !p.isEmpty { return p }
        let venv = CLI.packageRoot.appendingPathComponent(".venv/bin/python").path
        return FileManager.default.isExecutableFile(atPath: venv) ? venv : nil
    }

    static var required: Bool { ProcessInfo.processInfo.environment["CI"] == "true" }

    @Test(.enabled(if: python != nil || required, "needs a Python with optuna (.venv/bin/python or $DSEGYM_PYTHON)"))
    func optunaLoadStudy_seesTheSameTrialsAsTheCSV() throws {
        let python = try #require(Self.python, "CI must provide a Python with optuna")
        let dir = CLI.temporaryFolder().path
        let db = "\(dir)/o.sqlite"
        let run = try CLI.run(["run", "--env", "environments/synthetic-hartmann6.yaml", "--agent", "random",
                               "--trials", "2000", "--seed", "7", "--db", db, "--name", "h6"])
        #expect(run.status == 0)
        // A mixed space with an infeasible-free categorical/integer/ordinal mix, too.
        let mixed = try CLI.run(["run", "--env", "environments/synthetic-ackley-mixed.yaml", "--agent", "random-walker",
                                 "--trials", "300", "--seed", "2", "--db", db, "--name", "ackley"])
        #expect(mixed.status == 0)
        for name in ["h6", "ackley"] {
            let csv = "\(dir)/\(name).csv"
            #expect(try CLI.run(["export", "--db", db, "--csv", csv, "--name", name]).status == 0)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: python)
            process.arguments = [CLI.packageRoot.appendingPathComponent("Tests/interop/optuna_check.py").path, db, name, csv]
            let err = Pipe()
            process.standardError = err
            process.standardOutput = Pipe()
            try process.run()
            let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            #expect(process.terminationStatus == 0, "optuna check failed for \(name): \(message)")
        }
    }
}
