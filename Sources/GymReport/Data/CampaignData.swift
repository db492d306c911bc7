import GymCore
import GymStore

/// One campaign as the report sees it: its provenance and its trials in order.
public struct CampaignData: Sendable {
    public var record: CampaignRecord
    public var trials: [StoredTrial]

    public init(record: CampaignRecord, trials: [StoredTrial]) {
        self.record = record
        self.trials = trials
    }

    /// Reward per trial in order; nil for an infeasible trial.
    public var rewards: [Double?] { trials.map { $0.feasible ? $0.reward : nil } }

    /// The best feasible trial, first one on ties.
    public var best: StoredTrial? {
        var best: StoredTrial?
        for t in trials where t.feasible {
            guard let r = t.reward, r.isFinite else { continue }
            if best == nil || r > best!.reward! { best = t }
        }
        return best
    }

    /// Whether some trial reached the objective's target reward.
    public var reachedTarget: Bool {
        guard let target = record.objective.targetReward, let r = best?.reward else { return false }
        return r >= target
    }

    /// The canonical hyperparameter JSON that identifies a sweep setting.
    public var setting: String { record.hyperparameters.canonicalJSON }

    /// Loads the campaigns named in `names` (all when empty), oldest first.
    /// - Throws: `SpecError` naming the unknown names and the ones available.
    public static func load(from store: TrialStore, names: [String] = []) throws -> [CampaignData] {
        var records = try store.campaigns()
        if !names.isEmpty {
            let known = Set(records.map(\.name))
            let unknown = names.filter { !known.contains($0) }
            guard unknown.isEmpty else {
                var available = records.map(\.name).prefix(20).joined(separator: ", ")
                if records.count > 20 { available += " and \(records.count - 20) more" }
                throw SpecError(file: store.path, key: "--name",
                                "no campaign named \(unknown.joined(separator: ", ")); available: \(available.isEmpty ? "none" : available)")
            }
            let wanted = Set(names)
            records = records.filter { wanted.contains($0.name) }
        }
        return try records.map { CampaignData(record: $0, trials: try store.storedTrials(of: $0.id)) }
    }
}
