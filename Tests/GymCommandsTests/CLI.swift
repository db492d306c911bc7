import Foundation
import GymStore
import GymTesting

/// Runs the built `dsegym` binary as a user would and captures what it says.
enum CLI {
    static let packageRoot = BuiltBinary.packageRoot
    static var binary: URL { BuiltBinary.url() }
    typealias Output = BuiltBinary.Output

    static func run(_ arguments: [String]) throws -> Output { try BuiltBinary.run(arguments) }

    /// Runs `arguments` (a `run` into campaign `name` of `database`) and sends
    /// SIGINT once it has logged a trial: its signal trap is set by then,
    /// however slowly the machine starts it (a fixed delay is not enough).
    static func runInterrupted(_ arguments: [String], database: String, name: String) throws -> Output {
        try BuiltBinary.run(arguments) { process in
            var waited = 0.0
            while process.isRunning, waited < 300 {
                if let store = try? TrialStore.openReadOnly(database), let record = try? store.campaign(named: name),
                   let logged = try? store.storedTrials(of: record.id), !logged.isEmpty { break }
                Thread.sleep(forTimeInterval: 0.05)
                waited += 0.05
            }
            process.interrupt()
        }
    }

    static func run(shell script: String) throws -> Output { try BuiltBinary.run(shell: script) }

    static func temporaryFolder() -> URL { BuiltBinary.temporaryFolder("dsegym-cli") }

    /// The CSV without its timing column (the last one), for comparing runs.
    static func csvIgnoringTiming(_ path: String) throws -> [String] {
        try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map { line in
            String(line[..<line.lastIndex(of: ",")!])
        }
    }
}
