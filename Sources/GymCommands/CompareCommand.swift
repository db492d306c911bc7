import ArgumentParser
import Foundation
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

    @Option(help: "Comma-separated agents: names or preset files, e.g. random,ga,agents/bo.yaml.")
    var agents: String

    @OptionGroup var options: CampaignSetOptions

    func run() throws {
        let o = options
        let plan = try CompareCommand.plan(env: o.env, agents: agents, seeds: o.seeds, trials: o.trials,
                                           database: o.store.db, label: o.label ?? "compare-" + specName(o.env))
        try o.execute(plan, heading: "compare on \(o.env): \(o.seeds) seeds × \(o.trials) trials") {
            $0.compareLines(baseline: "random")
        }
    }

    static func plan(env: String, agents: String, seeds: Int, trials: Int, database: String, label: String) throws -> CampaignPlan {
        guard seeds >= 1 else { throw SpecError(key: "--seeds", "must be at least 1") }
        var references: [(String, AgentReference)] = []
        for item in agents.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where !item.isEmpty {
            let reference = try AgentReference(item)
            let name = item.hasSuffix(".yaml") ? specName(item) : item
            guard !references.contains(where: { $0.0 == name }) else {
                throw SpecError(key: "--agents", "'\(name)' is listed twice")
            }
            references.append((name, reference))
        }
        guard !references.isEmpty else { throw SpecError(key: "--agents", "name at least one agent") }
        if !references.contains(where: { $0.0 == "random" }) {
            references.insert(("random", try AgentReference("random")), at: 0)
        }
        var entries: [CampaignPlan.Entry] = []
        for (name, reference) in references {
            for seed in 1...seeds {
                entries.append(.init(name: "\(label)/\(name)/s\(seed)", group: name, agent: reference, seed: UInt64(seed)))
            }
        }
        return CampaignPlan(environmentPath: env, trials: trials, database: database, entries: entries)
    }
}

/// A spec or preset file's name without folder and extension.
func specName(_ path: String) -> String {
    URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
}

func exportCSV(_ store: TrialStore, _ records: [CampaignRecord], to path: String) throws {
    let text = try CSVExport.csv(store: store, campaigns: records)
    do { try text.write(toFile: path, atomically: true, encoding: .utf8) } catch {
        throw SpecError(file: path, "cannot write: \(error.localizedDescription)")
    }
    say("wrote the trials of \(records.count) campaigns to \(path)")
}
