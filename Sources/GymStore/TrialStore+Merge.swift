import Foundation
import GymCore

/// What a merge added.
public struct MergeReport: Sendable {
    public var campaignsAdded = 0
    public var campaignsExtended = 0
    public var trialsAdded = 0

    public init() {}
}

extension TrialStore {
    /// Copies every campaign and trial of the database at `shardPath` that this
    /// one lacks: lossless (all DSEGym and Optuna rows, ids renumbered), and
    /// idempotent (merging a shard twice adds nothing; a shard whose campaign
    /// ran further since the last merge adds just the new trials). Refuses a
    /// shard of a schema version this dsegym does not know, and a campaign
    /// whose name is taken here by a different campaign.
    public func merge(shard shardPath: String) throws -> MergeReport {
        let shardStore = try TrialStore.openShard(shardPath)
        let incoming = try shardStore.campaigns()
        var report = MergeReport()
        // Attached with the same URI parameters the shard was opened with (read-only, or immutable).
        try db.prepare("ATTACH DATABASE ? AS shard").run([.text(SQLiteDatabase.uri(shardPath, shardStore.db.mode.query))])
        defer { try? db.execute("DETACH DATABASE shard") }
        try db.transaction {
            for c in incoming {
                let existing = try campaign(named: c.name)
                if let existing, existing.id != c.id {
                    throw SpecError(file: shardPath, key: c.name, "a different campaign of this name is already in \(path) (ids \(existing.id) and \(c.id))")
                }
                let studyID = try existing?.studyID ?? copyCampaign(c)
                let added = try copyTrials(of: c.id, studyID: studyID)
                if existing == nil { report.campaignsAdded += 1 } else if added > 0 { report.campaignsExtended += 1 }
                report.trialsAdded += added
                try db.prepare("INSERT OR IGNORE INTO main.dsegym_fronts SELECT * FROM shard.dsegym_fronts WHERE campaign_id = ?")
                    .run([.text(c.id)])
                if existing == nil || added > 0 {
                    try db.prepare("""
                        UPDATE dsegym_campaigns SET (status, stop_reason, finished_at, wall_seconds, agent_seconds) =
                          (SELECT status, stop_reason, finished_at, wall_seconds, agent_seconds
                           FROM shard.dsegym_campaigns WHERE campaign_id = ?1)
                        WHERE campaign_id = ?1
                        """).run([.text(c.id)])
                }
            }
        }
        return report
    }

    /// Opens a shard for merging, read-only (a shard on an archive disk
    /// merges, and a rejected one is left as it was); refuses one whose
    /// schema version is not this dsegym's. A command can call it on every
    /// shard before it creates the target.
    public static func openShard(_ shardPath: String) throws -> TrialStore {
        let shard = try openReadOnly(shardPath)
        guard shard.schemaVersion == Migrations.latest else {
            throw StoreError(.foreignSchema, path: shardPath, "schema version \(shard.schemaVersion) is not this dsegym's (\(Migrations.latest)); merge it with the dsegym that wrote it")
        }
        return shard
    }

    /// Copies a campaign's study rows and provenance; returns the new study id.
    private func copyCampaign(_ c: CampaignRecord) throws -> Int {
        try db.prepare("INSERT INTO studies (study_name) VALUES (?)").run([.text(c.name)])
        let studyID = Int(db.lastInsertRowID)
        try db.prepare("""
            INSERT INTO study_directions (direction, study_id, objective)
            SELECT direction, ?, objective FROM shard.study_directions WHERE study_id = ?
            """).run([.int(studyID), .int(c.studyID)])
        for table in ["study_user_attributes", "study_system_attributes"] {
            try db.prepare("""
                INSERT INTO \(table) (study_id, key, value_json)
                SELECT ?, key, value_json FROM shard.\(table) WHERE study_id = ?
                """).run([.int(studyID), .int(c.studyID)])
        }
        try db.prepare("""
            INSERT INTO dsegym_campaigns SELECT campaign_id, name, ?, environment, env_fingerprint, env_spec_json,
              env_spec_file, objective_json, agent, agent_hyperparameters_json, seed, budget_json, jobs, parameters_json,
              metrics_json, tool_version, host, started_at, finished_at, status, stop_reason, wall_seconds, agent_seconds
            FROM shard.dsegym_campaigns WHERE campaign_id = ?
            """).run([.int(studyID), .text(c.id)])
        return studyID
    }

    /// Copies the trials of `campaignID` that are not here yet, with their
    /// Optuna rows under fresh trial ids. Returns how many were added.
    private func copyTrials(of campaignID: String, studyID: Int) throws -> Int {
        try db.execute("DROP TABLE IF EXISTS temp.merge_ids")
        try db.execute("CREATE TEMP TABLE merge_ids (old_id INTEGER PRIMARY KEY, new_id INTEGER NOT NULL)")
        let offset = try scalar("SELECT COALESCE(MAX(trial_id), 0) FROM main.trials")
        try db.prepare("""
            INSERT INTO temp.merge_ids (old_id, new_id)
            SELECT t.trial_id, t.trial_id + ?1 FROM shard.dsegym_trials AS t
            WHERE t.campaign_id = ?2 AND t.trial_index NOT IN
              (SELECT trial_index FROM main.dsegym_trials WHERE campaign_id = ?2)
            """).run([.int(offset), .text(campaignID)])
        let added = try scalar("SELECT COUNT(*) FROM temp.merge_ids")
        guard added > 0 else { return 0 }
        try db.prepare("""
            INSERT INTO main.trials (trial_id, number, study_id, state, datetime_start, datetime_complete)
            SELECT m.new_id, t.number, ?, t.state, t.datetime_start, t.datetime_complete
            FROM shard.trials AS t JOIN temp.merge_ids AS m ON m.old_id = t.trial_id
            """).run([.int(studyID)])
        try db.execute("""
            INSERT INTO main.trial_params (trial_id, param_name, param_value, distribution_json)
            SELECT m.new_id, p.param_name, p.param_value, p.distribution_json
            FROM shard.trial_params AS p JOIN temp.merge_ids AS m ON m.old_id = p.trial_id;
            INSERT INTO main.trial_values (trial_id, objective, value, value_type)
            SELECT m.new_id, v.objective, v.value, v.value_type
            FROM shard.trial_values AS v JOIN temp.merge_ids AS m ON m.old_id = v.trial_id;
            INSERT INTO main.trial_user_attributes (trial_id, key, value_json)
            SELECT m.new_id, a.key, a.value_json
            FROM shard.trial_user_attributes AS a JOIN temp.merge_ids AS m ON m.old_id = a.trial_id;
            INSERT INTO main.trial_system_attributes (trial_id, key, value_json)
            SELECT m.new_id, a.key, a.value_json
            FROM shard.trial_system_attributes AS a JOIN temp.merge_ids AS m ON m.old_id = a.trial_id;
            INSERT INTO main.dsegym_trials (campaign_id, trial_index, batch, trial_id, env_fingerprint, config_hash,
              config_json, metrics_json, reward, feasible, env_feasible, reason, eval_seconds, cache_hit, created_at)
            SELECT t.campaign_id, t.trial_index, t.batch, m.new_id, t.env_fingerprint, t.config_hash, t.config_json,
              t.metrics_json, t.reward, t.feasible, t.env_feasible, t.reason, t.eval_seconds, t.cache_hit, t.created_at
            FROM shard.dsegym_trials AS t JOIN temp.merge_ids AS m ON m.old_id = t.trial_id;
            """)
        return added
    }

    private func scalar(_ sql: String) throws -> Int {
        let s = try db.prepare(sql)
        _ = try s.step()
        return s.int(0)
    }
}
