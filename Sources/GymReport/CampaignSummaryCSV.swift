import Foundation
import GymCore
import GymNumerics

/// One row per campaign with what the per-trial CSV export lacks for
/// grouping (hyperparameters, setting label) plus summary numbers, so
/// notebooks can draw the lottery figure by joining on `campaign`.
public enum CampaignSummaryCSV {
    public static let header = ["campaign", "environment", "agent", "seed", "hyperparameters", "trials",
                                "feasible_trials", "best_reward", "best_trial", "target_reward", "trials_to_target"]

    public static func csv(_ campaigns: [CampaignData]) -> String {
        var lines = [header.joined(separator: ",")]
        for c in campaigns {
            let r = c.record
            let target = r.objective.targetReward
            let toTarget = target.flatMap { CampaignStatistics.trialsToTarget(c.rewards, target: $0) }
            let feasible = c.trials.filter(\.feasible).count
            let bestReward: String = c.best?.reward.map { "\($0)" } ?? ""
            let bestTrial: String = c.best.map { String($0.index) } ?? ""
            let targetText: String = target.map { "\($0)" } ?? ""
            let toTargetText: String = toTarget.map { String($0) } ?? ""
            let row: [String] = [r.name, r.environment, r.agent, String(r.seed), c.setting, String(c.trials.count),
                                 String(feasible), bestReward, bestTrial, targetText, toTargetText]
            lines.append(row.map(field).joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// RFC 4180 quoting where needed.
    static func field(_ s: String) -> String {
        guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return s }
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
