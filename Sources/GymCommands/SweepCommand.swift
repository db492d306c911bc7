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

    @Option(help: "Agent name (must match the grid file's agent).")
    var agent: String

    @Option(help: "Grid file, e.g. agents/ga-lottery.yaml.")
    var grid: String

    @OptionGroup var options: CampaignSetOptions

    func run() throws {
        let o = options
        let plan = try SweepCommand.plan(env: o.env, agent: agent, grid: grid, seeds: o.seeds, trials: o.trials,
                                         database: o.store.db,
                                         label: o.label ?? "sweep-\(specName(o.env))-\(specName(grid))")
        let settings = Set(plan.entries.map(\.group)).count
        try o.execute(plan, heading: "sweep of \(agent) on \(o.env): \(settings) settings × \(o.seeds) seeds × \(o.trials) trials") {
            $0.sweepLines()
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
