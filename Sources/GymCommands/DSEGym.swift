import ArgumentParser
import Foundation
import GymCampaign
import GymCore

/// The `dsegym` command: a list of subcommands, nothing else.
public struct DSEGym: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "dsegym",
        abstract: "Design-space exploration gym for computer architecture.",
        subcommands: [RunCommand.self, ResumeCommand.self, CompareCommand.self, SweepCommand.self,
                      ExportCommand.self, ReportCommand.self, EvaluateCommand.self, EnvsCommand.self, AgentsCommand.self,
                      CodesignBaselineCommand.self, RunTaskCommand.self, MergeCommand.self, StatusCommand.self,
                      BenchCommand.self, ProxyCommand.self, MCPCommand.self])

    public init() {}

    /// Entry point: user-input errors (`SpecError`) print one line and exit 2;
    /// everything else goes through swift-argument-parser's usual handling.
    public static func main(_ arguments: [String]? = nil) -> Never {
        do {
            var command = try parseAsRoot(arguments)
            try command.run()
            Foundation.exit(0)
        } catch let error as SpecError {
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            Foundation.exit(2)
        } catch {
            exit(withError: error)
        }
    }
}

/// Where campaigns are stored.
struct StoreOptions: ParsableArguments {
    @Option(help: "SQLite database of campaigns and trials.")
    var db: String = "results/dsegym.sqlite"
}

/// Prints to stdout.
func say(_ text: String) {
    FileHandle.standardOutput.write(Data((text + "\n").utf8))
}
