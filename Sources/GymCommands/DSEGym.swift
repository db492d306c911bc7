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
                      BenchCommand.self, ProxyCommand.self, ServeCommand.self, MCPCommand.self, WorkloadCommand.self,
                      LeaderboardCommand.self])

    public init() {}

    /// Entry point: every failure prints one line, `error: …`, and exits with
    /// the status `ExitStatus` gives its kind (2 bad input, 3 storage, 4
    /// conflict, 130 interrupted); help and version print as usual.
    public static func main(_ arguments: [String]? = nil) -> Never {
        do {
            var command = try parseAsRoot(arguments)
            try command.run()
            Foundation.exit(0)
        } catch {
            if exitCode(for: error) == .success { exit(withError: error) }
            let (status, line) = ExitStatus.classify(error, for: Self.self)
            if let line { ExitStatus.report(line) }
            Foundation.exit(status)
        }
    }

    /// The same command line over another catalogue: a downstream package that
    /// registered its own environments or agents ships its own `dsegym` with
    ///
    ///     var catalog = Catalog.standard
    ///     try catalog.register(MyCacheEnvironment.kind)
    ///     DSEGym.main(catalog: catalog)
    public static func main(_ arguments: [String]? = nil, catalog: Catalog) -> Never {
        Catalog.$current.withValue(catalog) { main(arguments) }
    }
}

/// Where campaigns are stored.
struct StoreOptions: ParsableArguments {
    @Option(help: "SQLite database of campaigns and trials.")
    var db: String = "results/dsegym.sqlite"

    func validate() throws {
        // SQLite takes "" for a temporary database, deleted at exit with every trial in it.
        guard !db.isEmpty else { throw ValidationError("--db must name a database file") }
    }
}

/// Prints to stdout.
func say(_ text: String) {
    FileHandle.standardOutput.write(Data((text + "\n").utf8))
}
