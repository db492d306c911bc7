import ArgumentParser
import GymCampaign
import GymCore

struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run", abstract: "Run a search campaign and log every trial.")

    @Option(help: "Environment spec (YAML), e.g. environments/synthetic-hartmann6.yaml.")
    var env: String

    @Option(help: "Agent preset (YAML in agents/) or agent name (see `dsegym agents`).")
    var agent: String

    // Unconditional: "--trials -5" is a number out of range, not a missing value.
    @Option(parsing: .unconditional, help: "Trial budget.")
    var trials: Int = 1000

    @Option(help: "Seed of the agent's random stream.")
    var seed: UInt64 = 0

    @Option(parsing: .unconditional, help: "Worker threads evaluating each batch (results do not depend on it).")
    var jobs: Int = 1

    @OptionGroup var store: StoreOptions

    @Option(help: "Campaign name (default: <environment>-<agent>-s<seed>, made unique).")
    var name: String?

    @Option(help: "Stop after this many seconds of wall time.")
    var wallSeconds: Double?

    @Flag(help: "Stop as soon as the objective's target is reached.")
    var stopAtTarget = false

    @Option(help: .hidden)
    var stopAfter: Int?

    func run() throws {
        let result = try CampaignSession.run(.init(
            environmentPath: env, agent: try AgentReference(agent), trials: trials, seed: seed, jobs: jobs, database: store.db,
            name: name, wallSeconds: wallSeconds, stopAtTarget: stopAtTarget, stopAfter: stopAfter))
        try CampaignSummary.print(result, database: store.db)
    }
}

struct ResumeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "resume", abstract: "Continue an interrupted campaign to its budget.")

    @OptionGroup var store: StoreOptions

    @Option(help: "Campaign name.")
    var name: String

    @Option(parsing: .unconditional, help: "Worker threads (default: as the campaign was started).")
    var jobs: Int?

    @Option(help: .hidden)
    var stopAfter: Int?

    func run() throws {
        let result = try CampaignSession.resume(database: store.db, name: name, jobs: jobs, stopAfter: stopAfter)
        try CampaignSummary.print(result, database: store.db)
    }
}
