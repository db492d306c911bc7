import ArgumentParser
import Foundation
import GymCampaign
import GymCore
import GymStore

struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Run every agent × seed as its own campaign and compare them.",
        discussion: """
        Seeds are 1...K. Random search is added as the baseline of the normalised score when \
        it is not listed. Campaigns are named <label>/<agent>/s<seed>; running the same \
        comparison again reuses finished campaigns and resumes interrupted ones.
        """)

    @Option(help: "Comma-separated agents: names, preset files, or external:<label> for campaigns logged through `dsegym serve`, e.g. random,ga,agents/bo.yaml,external:optuna:TPESampler.")
    var agents: String

    @OptionGroup var options: CampaignSetOptions

    func run() throws {
        let o = options
        let plan = try CampaignPlan.comparison(env: o.env, agents: agents, seeds: o.seeds, trials: o.trials,
                                           database: o.store.db, label: o.label ?? "compare-" + specName(o.env))
        try o.execute(plan, heading: "compare on \(o.env): \(o.seeds) seeds × \(o.trials) trials") {
            $0.compareLines(baseline: "random")
        }
    }
}

func exportCSV(_ store: TrialStore, _ records: [CampaignRecord], to path: String) throws {
    let text = try CSVExport.csv(store: store, campaigns: records)
    do { try text.write(toFile: path, atomically: true, encoding: .utf8) } catch {
        throw StoreError(.io, path: path, "cannot write: \(error.localizedDescription)")
    }
    say("wrote the trials of \(records.count) campaigns to \(path)")
}
