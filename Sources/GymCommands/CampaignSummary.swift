import ArgumentParser
import GymCampaign
import GymCore

/// The end-of-campaign summary: where it is stored, why it stopped, the best
/// trial with its configuration and metrics. Exits 130 after an interruption.
enum CampaignSummary {
    static func print(_ result: CampaignSession.Result, database: String) throws {
        let o = result.outcome
        say("campaign \(result.campaign.name) in \(database)")
        say("  trials: \(o.totalTrials) (\(o.newTrials) this run, \(String(format: "%.2f", o.seconds)) s), stopped: \(o.stop.rawValue)")
        if let best = o.best, let reward = best.reward {
            say("  best reward: \(reward) (trial \(best.index))")
            say("  best configuration: \(best.configuration)")
            say("  metrics: " + best.metrics.values.map { "\($0.key)=\(ParameterValue.format($0.value))" }.joined(separator: " "))
        } else {
            say("  no feasible trial")
        }
        if o.stop == .interrupted {
            say("interrupted; continue with: dsegym resume --db \(database) --name \(result.campaign.name)")
            throw ExitCode(130)
        }
    }
}
