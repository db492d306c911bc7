import ArgumentParser
import Foundation
import GymAgents
import GymCore
import GymStore

struct SweepCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sweep",
        abstract: "The hyperparameter lottery: every grid setting × seed as a campaign.",
        discussion: """
        The grid file names the agent, optional fixed hyperparameters, and lists of values: \
        `agent: ga`, `hyperparameters: {...}`, `grid: {population: [8, 32], mutation: [0.01, 0.05]}`. \
        Seeds are 1...K; campaigns are named <label>/<setting>/s<seed>.
        """)

    static let gridKeys = ["agent", "description", "hyperparameters", "grid"]

    @Option(help: "Environment spec (YAML).")
    var env: String

    @Option(help: "Agent name (must match the grid file's agent).")
    var agent: String

    @Option(help: "Grid file, e.g. agents/ga-lottery.yaml.")
    var grid: String

    @Option(help: "Seeds per setting.")
    var seeds: Int = 5

    @Option(help: "Trial budget per campaign.")
    var trials: Int = 1000

    @Option(help: "Campaigns run at the same time (results do not depend on it).")
    var jobs: Int = 1

    @OptionGroup var store: StoreOptions

    @OptionGroup var cluster: PlanOptions

    @Option(help: "Also export the sweep's trials to this CSV file.")
    var csv: String?

    @Option(help: "Prefix of the campaign names (default: sweep-<spec>-<grid file name>).")
    var label: String?

    func run() throws {
        let plan = try SweepCommand.plan(env: env, agent: agent, grid: grid, seeds: seeds, trials: trials, database: store.db,
                                         label: label ?? "sweep-\(specName(env))-\(specName(grid))")
        if try cluster.writeIfRequested(plan) { return }
        let records = try plan.run(parallel: jobs) { say($0) }
        let trialStore = try TrialStore.openExisting(store.db)
        let table = try ComparisonTable(store: trialStore, plan: plan, records: records)
        say("sweep of \(agent) on \(env): \(table.groups.count) settings × \(seeds) seeds × \(trials) trials")
        for line in table.sweepLines() { say(line) }
        if let csv {
            say("")
            try exportCSV(trialStore, records, to: csv)
        }
    }

    static func plan(env: String, agent: String, grid path: String, seeds: Int, trials: Int, database: String,
                     label: String) throws -> CampaignPlan {
        guard seeds >= 1 else { throw SpecError(key: "--seeds", "must be at least 1") }
        let file = try SpecLoader.load(path)
        try file.requireOnly(gridKeys)
        let name = try file.requiredString("agent", allowed: AgentCatalog.names)
        guard name == agent else {
            throw file.error("agent", "the grid is for '\(name)' but --agent is '\(agent)'")
        }
        let base = try file.object("hyperparameters")?.values ?? [:]
        guard let axes = try file.object("grid"), !axes.values.isEmpty else {
            throw file.error("grid", "missing; give lists of values per hyperparameter")
        }
        var settings: [[(String, SpecValue)]] = [[]]
        for key in axes.keys {
            guard let values = try axes.array(key), !values.isEmpty else {
                throw axes.error(key, "expected a non-empty list of values")
            }
            settings = settings.flatMap { s in values.map { s + [(key, $0)] } }
        }
        var entries: [CampaignPlan.Entry] = []
        for setting in settings {
            var hyperparameters = base
            for (k, v) in setting { hyperparameters[k] = v }
            let group = setting.map { "\($0.0)=\($0.1.canonicalJSON)" }.joined(separator: ",")
            let reference = try AgentReference(
                kind: name, hyperparameters: .object(hyperparameters), file: path)
            for seed in 1...seeds {
                entries.append(.init(name: "\(label)/\(group)/s\(seed)", group: group, agent: reference, seed: UInt64(seed)))
            }
        }
        return CampaignPlan(environmentPath: env, trials: trials, database: database, entries: entries)
    }
}
