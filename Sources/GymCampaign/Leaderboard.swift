import Foundation
import GymCore
import GymNumerics
import GymStore

/// Every environment spec × every agent × seeds 1...K, summarised at several
/// budgets as one Markdown table (`dsegym leaderboard`).
///
/// Each agent × seed is one campaign of the largest budget (a `CampaignPlan`
/// per spec, named `<label>/<spec>/<agent>/s<seed>`, so running it again
/// resumes); a smaller budget B reads the first B trials of that campaign:
/// the best reward an agent had after B trials (no agent reads its budget,
/// so only the last batch before B can differ from a campaign of budget B).
public struct Leaderboard {
    public struct Row {
        public var environment: String
        public var agent: String
        public var budget: Int
        public var bests: [Double?]
        public var trialsToTarget: [Int?]
        public var target: Double?
        /// The agent's own seconds per suggestion over the whole campaigns.
        public var secondsPerSuggestion: Double
    }

    public var specs: [String]
    public var agents: [String]
    public var seeds: Int
    public var budgets: [Int]
    public var database: String
    public var label: String

    public init(specs: [String], agents: [String], seeds: Int, budgets: [Int], database: String,
                label: String = "leaderboard") throws {
        guard !specs.isEmpty else { throw SpecError(key: "--envs", "no environment spec given") }
        guard !agents.isEmpty else { throw SpecError(key: "--agents", "name at least one agent") }
        guard !budgets.isEmpty, budgets.allSatisfy({ $0 >= 1 }) else {
            throw SpecError(key: "--budgets", "give positive trial budgets, e.g. 100,300,1000")
        }
        try RunBounds.check("--seeds", seeds, RunBounds.seeds)
        self.specs = specs
        self.agents = agents
        self.seeds = seeds
        self.budgets = budgets.sorted()
        self.database = database
        self.label = label
    }

    /// The plan of one spec: every agent × seed at the largest budget.
    public func plan(for spec: String) throws -> CampaignPlan {
        var entries: [CampaignPlan.Entry] = []
        for agent in agents {
            let reference = try AgentReference(agent)
            let group = agent.hasSuffix(".yaml") ? specName(agent) : agent
            for seed in 1...seeds {
                entries.append(.init(name: "\(label)/\(specName(spec))/\(group)/s\(seed)", group: group,
                                     agent: reference, seed: UInt64(seed)))
            }
        }
        return CampaignPlan(environmentPath: spec, trials: budgets.last!, database: database, entries: entries)
    }

    /// Runs (or resumes) every campaign, `parallel` at a time, and summarises them.
    public func run(parallel: Int, progress: (String) -> Void) throws -> [Row] {
        var rows: [Row] = []
        for spec in specs {
            let plan = try plan(for: spec)
            progress("leaderboard: \(specName(spec)): \(plan.entries.count) campaigns of \(plan.trials) trials")
            let records = try plan.run(parallel: parallel, progress: progress)
            let store = try TrialStore.openReadOnly(database)
            let target = records.first?.objective.targetReward
            var byAgent: [String: [(rewards: [Double?], record: CampaignRecord)]] = [:]
            for (entry, record) in zip(plan.entries, records) {
                byAgent[entry.group, default: []].append((try store.storedTrials(of: record.id).map(\.reward), record))
            }
            for agent in plan.entries.map(\.group).uniqued() {
                let campaigns = byAgent[agent]!
                let trials = campaigns.map(\.rewards.count).reduce(0, +)
                let seconds = campaigns.map(\.record.agentSeconds).reduce(0, +) / Double(max(1, trials))
                for budget in budgets {
                    let prefixes = campaigns.map { Array($0.rewards.prefix(budget)) }
                    rows.append(Row(environment: specName(spec), agent: agent, budget: budget,
                                    bests: prefixes.map { CampaignStatistics.bestSoFar($0).last ?? nil },
                                    trialsToTarget: prefixes.map { p in target.flatMap { CampaignStatistics.trialsToTarget(p, target: $0) } },
                                    target: target, secondsPerSuggestion: seconds))
                }
            }
        }
        return rows
    }

    /// The Markdown table: one line per environment × agent × budget.
    public static func markdown(_ rows: [Row]) -> [String] {
        var lines = ["| environment | agent | budget | best reward: median | IQR | trials to target: median | reached | s per suggestion |",
                     "|---|---|---:|---:|---:|---:|---:|---:|"]
        for r in rows {
            let bests = r.bests.compactMap { $0 }
            let summary = CampaignStatistics.summary(bests)
            let reached = r.trialsToTarget.compactMap { $0 }
            let toTarget = r.target == nil ? "no target"
                : reached.isEmpty ? "not reached" : ComparisonTable.format(CampaignStatistics.median(reached.map(Double.init)))
            let cells = [r.environment, r.agent, "\(r.budget)", ComparisonTable.format(summary?.median),
                         ComparisonTable.format(summary?.interquartileRange), toTarget,
                         r.target == nil ? "-" : "\(reached.count)/\(r.bests.count)",
                         String(format: "%.2g", r.secondsPerSuggestion)]
            lines.append("| " + cells.joined(separator: " | ") + " |")
        }
        return lines
    }
}

private extension Array where Element == String {
    func uniqued() -> [String] {
        var seen: Set<String> = []
        return filter { seen.insert($0).inserted }
    }
}
