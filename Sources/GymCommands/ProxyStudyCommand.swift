import ArgumentParser
import Foundation
import GymCampaign
import GymCore
import GymProxy
import GymStore

/// `dsegym proxy study`: ArchGym's data-diversity study (docs/references.md §1).
/// Equal-sized training sets are gathered by single agents and by a mix of
/// them; a proxy fitted on each is scored on one held-out campaign (random by default).
struct ProxyStudyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "study", abstract: "Which training data makes the best proxy: single agents vs a mix, on one held-out set.",
        discussion: """
            Runs one campaign of --budget trials per agent on the real environment (reused when the \
            database already has it), takes the same number of distinct trials from each (the smallest \
            count; the mix takes an equal share from every agent), fits one proxy per set and scores all \
            on a separate campaign of --test-agent (seed + 1000), minus every configuration any set trained on.
            """)

    @Option(help: "Environment spec.")
    var env: String

    @Option(help: "Trials per agent campaign.")
    var budget: Int = 2000

    @Option(help: "Agents (names or preset files), comma-separated.")
    var agents: String = "random,ga,aco,random-walker"

    @Option(help: "Trials of the held-out campaign (default: the budget).")
    var testTrials: Int?

    @Option(help: "Agent of the held-out campaign (random: unbiased coverage; another agent tests transfer).")
    var testAgent: String = "random"

    @Option(help: "Seed of the agents, the subsampling and the models.")
    var seed: UInt64 = 0

    @Option(help: "Database for the campaigns (default: a temporary file, removed afterwards).")
    var db: String?

    @Option(help: "Metrics to model, comma-separated keys (default: all).")
    var metrics: String?

    @OptionGroup var options: ProxyModelOptions

    func validate() throws {
        guard budget >= 10 else { throw ValidationError("--budget must be at least 10") }
    }

    func run() throws {
        let path = db ?? temporaryDatabase("proxy-study")
        defer { if db == nil { for s in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + s) } } }
        let keys = metrics.map { $0.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) } } ?? []
        let result = try ProxyStudy.run(.init(
            environmentPath: env, agents: agents.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) },
            budget: budget, testAgent: testAgent, testTrials: testTrials ?? budget, seed: seed, database: path,
            kind: options.model, settings: options.settings(folds: 0), metricKeys: keys, jobs: options.jobs))
        let study = result.study
        say("proxy \(options.model.rawValue) on \(result.environmentID): \(study.size) distinct training trials per set, "
            + "scored on \(study.heldOut.count) held-out \(result.testLabel) trials (\(study.droppedFromHeldOut) dropped as seen in training)")
        let header = ["training data", "n"] + (result.rows.first?.accuracy.flatMap { ["\($0.key) R2", "rel RMSE %", "tau"] } ?? [])
        let table = [header] + result.rows.map { r in
            [r.label, String(r.n)] + r.accuracy.flatMap { _, a in
                [String(format: "%.4f", a.r2), String(format: "%.2f", a.relativeRMSEPercent), String(format: "%.3f", a.kendallTau)]
            }
        }
        for line in TextTable.render(table) { say(line) }
    }
}
