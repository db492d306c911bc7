import Foundation
import GymCore
import GymStore
import GymNumerics

/// Summaries of many campaigns grouped by agent (compare) or by hyperparameter
/// setting (sweep), computed from the store so that the same database always
/// gives the same table, wherever its campaigns ran.
public struct ComparisonTable {
    public struct Group {
        public var label: String
        public var campaigns: [CampaignRecord]
        /// Best reward of each campaign (nil when it found no feasible point).
        public var bests: [Double?]
        public var trialsToTarget: [Int?]
        public var trials: [Int]
    }

    public var groups: [Group]
    public var targetReward: Double?

    public init(store: TrialStore, plan: CampaignPlan, records: [CampaignRecord]) throws {
        var order: [String] = []
        var byGroup: [String: Group] = [:]
        targetReward = records.first?.objective.targetReward
        for (entry, record) in zip(plan.entries, records) {
            let rewards = try store.storedTrials(of: record.id).map(\.reward)
            let best = CampaignStatistics.bestSoFar(rewards).last ?? nil
            let reached = targetReward.flatMap { CampaignStatistics.trialsToTarget(rewards, target: $0) }
            if byGroup[entry.group] == nil {
                order.append(entry.group)
                byGroup[entry.group] = Group(label: entry.group, campaigns: [], bests: [], trialsToTarget: [], trials: [])
            }
            byGroup[entry.group]!.campaigns.append(record)
            byGroup[entry.group]!.bests.append(best)
            byGroup[entry.group]!.trialsToTarget.append(reached)
            byGroup[entry.group]!.trials.append(rewards.count)
        }
        groups = order.map { byGroup[$0]! }
    }

    public static func format(_ v: Double?) -> String {
        guard let v, v.isFinite else { return "-" }
        return String(format: "%.6g", v)
    }

    /// `dsegym compare`'s table: per agent the median and IQR of the best
    /// reward, trials to target, Bayesmark-style score against random (100 =
    /// the best reward seen in the comparison, 0 = random's median), wall time
    /// and the agent's own time per suggestion.
    public func compareLines(baseline: String) -> [String] {
        let allBests = groups.flatMap { $0.bests.compactMap { $0 } }
        let optimum = allBests.max()
        let randomMedian = groups.first { $0.label == baseline }.map { CampaignStatistics.median($0.bests.compactMap { $0 }) }
        var rows = [["agent", "seeds", "best median", "best IQR", "to target (median)", "reached", "score vs random",
                     "wall s (median)", "agent µs/trial"]]
        for g in groups {
            let bests = g.bests.compactMap { $0 }
            let summary = CampaignStatistics.summary(bests)
            let reached = g.trialsToTarget.compactMap { $0 }
            let score = zip3(summary?.median, randomMedian, optimum).flatMap {
                CampaignStatistics.bayesmarkScore(median: $0, randomMedian: $1, optimum: $2)
            }
            let wall = CampaignStatistics.median(g.campaigns.map(\.wallSeconds))
            let perTrial = g.campaigns.map(\.agentSeconds).reduce(0, +) / Double(max(1, g.trials.reduce(0, +))) * 1e6
            rows.append([
                g.label, "\(g.campaigns.count)", Self.format(summary?.median), Self.format(summary?.interquartileRange),
                targetReward == nil ? "no target" : (reached.isEmpty ? "not reached" : Self.format(CampaignStatistics.median(reached.map(Double.init)))),
                targetReward == nil ? "-" : "\(reached.count)/\(g.campaigns.count)",
                score.map { String(format: "%.1f", $0) } ?? "-", String(format: "%.3f", wall), String(format: "%.1f", perTrial),
            ])
        }
        return TextTable.render(rows)
    }

    /// `dsegym sweep`'s table: the distribution of best rewards per setting,
    /// then the spread of the medians across settings (the "lottery").
    public func sweepLines() -> [String] {
        var rows = [["setting", "seeds", "min", "q1", "median", "q3", "max", "infeasible-only"]]
        var medians: [(String, Double)] = []
        for g in groups {
            let bests = g.bests.compactMap { $0 }
            let s = CampaignStatistics.summary(bests)
            if let m = s?.median { medians.append((g.label, m)) }
            rows.append([g.label, "\(g.campaigns.count)", Self.format(s?.min), Self.format(s?.lowerQuartile),
                         Self.format(s?.median), Self.format(s?.upperQuartile), Self.format(s?.max),
                         "\(g.bests.count - bests.count)"])
        }
        var lines = TextTable.render(rows)
        if let best = medians.max(by: { $0.1 < $1.1 }), let worst = medians.min(by: { $0.1 < $1.1 }) {
            let spread = CampaignStatistics.summary(medians.map(\.1))!
            lines.append("")
            lines.append("spread of medians across \(medians.count) settings: \(Self.format(best.1 - worst.1)) "
                         + "(IQR \(Self.format(spread.interquartileRange)))")
            lines.append("best setting: \(best.0) (median \(Self.format(best.1)))")
            lines.append("worst setting: \(worst.0) (median \(Self.format(worst.1)))")
        }
        return lines
    }
}

private func zip3<A, B, C>(_ a: A?, _ b: B?, _ c: C?) -> (A, B, C)? {
    guard let a, let b, let c else { return nil }
    return (a, b, c)
}
