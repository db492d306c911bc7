import GymCore

/// Appends one campaign's trials: one transaction per batch, writing DSEGym's
/// row and the Optuna rows (trial, params, value, metrics as user attributes)
/// with statements prepared once.
public final class CampaignWriter: TrialLog {
    private let store: TrialStore
    public let campaign: CampaignRecord
    private let insertTrial: SQLiteStatement
    private let insertOptunaTrial: SQLiteStatement
    private let insertParam: SQLiteStatement
    private let insertValue: SQLiteStatement
    private let insertAttribute: SQLiteStatement
    private let insertFront: SQLiteStatement
    /// The Pareto front so far, for campaigns with a `pareto` objective.
    private var archive: ParetoArchive?

    init(store: TrialStore, campaign: CampaignRecord) throws {
        self.store = store
        self.campaign = campaign
        let db = store.db
        insertTrial = try db.prepare("""
            INSERT INTO dsegym_trials (campaign_id, trial_index, batch, trial_id, env_fingerprint, config_hash,
              config_json, metrics_json, reward, feasible, env_feasible, reason, eval_seconds, cache_hit, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        insertOptunaTrial = try db.prepare(
            "INSERT INTO trials (number, study_id, state, datetime_start, datetime_complete) VALUES (?, ?, ?, ?, ?)")
        insertParam = try db.prepare(
            "INSERT INTO trial_params (trial_id, param_name, param_value, distribution_json) VALUES (?, ?, ?, ?)")
        insertValue = try db.prepare(
            "INSERT INTO trial_values (trial_id, objective, value, value_type) VALUES (?, 0, ?, ?)")
        insertAttribute = try db.prepare(
            "INSERT INTO trial_user_attributes (trial_id, key, value_json) VALUES (?, ?, ?)")
        insertFront = try db.prepare("""
            INSERT INTO dsegym_fronts (campaign_id, batch, trials, front_size, hypervolume, reference_json, front_json)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """)
        if campaign.objective.kind == .pareto {
            archive = try store.paretoArchive(of: campaign)  // resume: the front so far
        }
    }

    public func append(_ trials: [Trial]) throws {
        let now = Timestamp.now()
        // The front is computed before the transaction opens (it holds the
        // write lock only for the inserts) and kept only once the batch commits.
        var front = archive
        front?.add(trials, objective: campaign.objective)
        let hypervolume = front?.hypervolume
        try store.db.transaction {
            for t in trials { try write(t, at: now) }
            if let front, let last = trials.last { try record(front, hypervolume: hypervolume, after: last) }
        }
        archive = front
    }

    private func record(_ front: ParetoArchive, hypervolume: Double?, after last: Trial) throws {
        insertFront.reset()
        insertFront.bind(1, campaign.id)
        insertFront.bind(2, last.batch)
        insertFront.bind(3, last.index + 1)
        insertFront.bind(4, front.front.count)
        insertFront.bind(5, hypervolume)
        insertFront.bind(6, front.reference.map { "[" + $0.map(JSONText.number).joined(separator: ", ") + "]" })
        insertFront.bind(7, "[" + front.front.map { String($0.index) }.joined(separator: ", ") + "]")
        try insertFront.step()
    }

    private func write(_ t: Trial, at now: String) throws {
        insertOptunaTrial.reset()
        insertOptunaTrial.bind(1, t.index)
        insertOptunaTrial.bind(2, campaign.studyID)
        insertOptunaTrial.bind(3, t.feasible ? "COMPLETE" : "FAIL")
        insertOptunaTrial.bind(4, now)
        insertOptunaTrial.bind(5, now)
        try insertOptunaTrial.step()
        let trialID = Int(store.db.lastInsertRowID)

        for column in campaign.parameters {
            guard let v = t.configuration[column.name] else { continue }
            insertParam.reset()
            insertParam.bind(1, trialID)
            insertParam.bind(2, column.name)
            insertParam.bind(3, column.distribution.internalValue(v))
            insertParam.bind(4, column.distribution.json)
            try insertParam.step()
        }
        if let reward = t.reward {
            insertValue.reset()
            insertValue.bind(1, trialID)
            insertValue.bind(2, reward.isFinite ? reward : nil)
            insertValue.bind(3, reward.isFinite ? "FINITE" : (reward > 0 ? "INF_POS" : "INF_NEG"))
            try insertValue.step()
        }
        for m in t.metrics.values {
            try attribute(trialID, m.key, JSONText.number(m.value))
        }
        if let reason = t.reason { try attribute(trialID, "infeasible_reason", JSONText.quote(reason)) }
        if t.cacheHit { try attribute(trialID, "cache_hit", "true") }

        insertTrial.reset()
        insertTrial.bind(1, campaign.id)
        insertTrial.bind(2, t.index)
        insertTrial.bind(3, t.batch)
        insertTrial.bind(4, trialID)
        insertTrial.bind(5, campaign.fingerprint)
        insertTrial.bind(6, t.configuration.hashHex)
        insertTrial.bind(7, t.configuration.json)
        insertTrial.bind(8, t.metrics.json)
        insertTrial.bind(9, t.reward)
        insertTrial.bind(10, t.feasible)
        insertTrial.bind(11, t.metrics.feasible)
        insertTrial.bind(12, t.reason)
        insertTrial.bind(13, t.evalSeconds)
        insertTrial.bind(14, t.cacheHit)
        insertTrial.bind(15, now)
        try insertTrial.step()
    }

    private func attribute(_ trialID: Int, _ key: String, _ json: String) throws {
        insertAttribute.reset()
        insertAttribute.bind(1, trialID)
        insertAttribute.bind(2, key)
        insertAttribute.bind(3, json)
        try insertAttribute.step()
    }
}

extension TrialStore {
    /// The writer through which the campaign runner logs `campaign`'s trials.
    public func writer(for campaign: CampaignRecord) throws -> CampaignWriter {
        try CampaignWriter(store: self, campaign: campaign)
    }
}
