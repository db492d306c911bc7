import ArgumentParser
import Foundation
import GymAgents
import GymCampaign
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

    @Option(help: "Agent name (must match the grid file's agent).")
    var agent: String

    @Option(help: "Grid file, e.g. agents/ga-lottery.yaml.")
    var grid: String

    @OptionGroup var options: CampaignSetOptions

    func run() throws {
        let o = options
        let plan = try CampaignPlan.sweep(env: o.env, agent: agent, grid: grid, seeds: o.seeds, trials: o.trials,
                                         database: o.store.db,
                                         label: o.label ?? "sweep-\(specName(o.env))-\(specName(grid))")
        let settings = Set(plan.entries.map(\.group)).count
        try o.execute(plan, heading: "sweep of \(agent) on \(o.env): \(settings) settings × \(o.seeds) seeds × \(o.trials) trials") {
            $0.sweepLines()
        }
    }
}
