import Foundation
import GymTesting

/// Runs the built `dsegym` binary as a user would and captures what it says.
enum CLI {
    static let packageRoot = BuiltBinary.packageRoot
    static var binary: URL { BuiltBinary.url() }
    typealias Output = BuiltBinary.Output

    static func run(_ arguments: [String], interruptAfter seconds: Double? = nil) throws -> Output {
        try BuiltBinary.run(arguments, interruptAfter: seconds)
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
