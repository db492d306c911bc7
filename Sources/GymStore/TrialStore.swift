import Foundation
import GymCore

/// The trial database: one SQLite file (WAL) holding campaigns and every trial
/// they logged, readable by Optuna as it is.
///
/// Contract: only the campaign runner writes, through `writer(for:)`, one
/// transaction per batch, so a killed process loses at most the batch in
/// flight and never corrupts earlier trials. Reads return value types.
/// Failures of the file itself (locked, full, damaged, not ours, read-only)
/// are `StoreError`s; a bad argument (an empty path) is a `SpecError`.
public final class TrialStore {
    public let path: String
    let db: SQLiteDatabase

    /// Opens (creating if needed) and migrates the database at `path`, for
    /// writing. A file that is not a DSEGym database is refused unchanged.
    ///
    /// - Throws: `SpecError` for an empty path or a folder; `StoreError` when
    ///   the file cannot be used.
    public convenience init(path: String) throws {
        self.init(path: path, database: try Self.openForWriting(path, creating: true))
    }

    init(path: String, database: SQLiteDatabase) {
        self.path = path
        db = database
    }

    /// Opens an existing DSEGym database for writing (resume), migrating an
    /// older schema. Refuses, without writing, a file that is missing, empty
    /// or not DSEGym's. With `migrate: false` it opens read-only, as
    /// `openReadOnly` does.
    public static func openExisting(_ path: String, migrate: Bool = true) throws -> TrialStore {
        guard migrate else { return try openReadOnly(path) }
        return TrialStore(path: path, database: try openForWriting(path, creating: false))
    }

    /// True when this store was opened for reading only.
    public var isReadOnly: Bool { db.isReadOnly }

    public var schemaVersion: Int { (try? db.userVersion) ?? 0 }

    // MARK: Campaigns

    /// Registers a new campaign (and its Optuna study). Names are unique per database.
    public func createCampaign(_ record: CampaignRecord) throws -> CampaignRecord {
        var r = record
        try db.transaction {
            // Checked under the write lock: of two processes taking one name, the second hears why.
            if try campaign(named: record.name) != nil {
                throw SpecError(key: "--name", "a campaign named '\(record.name)' already exists in \(path); continue it with `dsegym resume --db \(path) --name \(record.name)` or choose another --name")
            }
            try db.prepare("INSERT INTO studies (study_name) VALUES (?)").run([.text(r.name)])
            r.studyID = Int(db.lastInsertRowID)
            try db.prepare("INSERT INTO study_directions (direction, study_id, objective) VALUES ('MAXIMIZE', ?, 0)")
                .run([.int(r.studyID)])
            let attributes = try db.prepare("INSERT INTO study_user_attributes (study_id, key, value_json) VALUES (?, ?, ?)")
            for (k, v) in [("dsegym_campaign_id", JSONText.quote(r.id)), ("environment", JSONText.quote(r.environment)),
                           ("agent", JSONText.quote(r.agent)), ("seed", String(r.seed)),
                           ("objective", JSONText.quote(r.objective.summary))] {
                try attributes.run([.int(r.studyID), .text(k), .text(v)])
            }
            let insert = try db.prepare("""
                INSERT INTO dsegym_campaigns (campaign_id, name, study_id, environment, env_fingerprint, env_spec_json,
                  env_spec_file, objective_json, agent, agent_hyperparameters_json, seed, budget_json, jobs,
                  parameters_json, metrics_json, tool_version, host, started_at, status)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'running')
                """)
            try insert.run([
                .text(r.id), .text(r.name), .int(r.studyID), .text(r.environment), .text(r.fingerprint),
                .text(r.environmentSpec.canonicalJSON), .text(r.environmentSpecFile), .text(try Self.json(r.objective)),
                .text(r.agent), .text(r.hyperparameters.canonicalJSON), .text(String(r.seed)),
                .text(try Self.json(r.budget)), .int(r.jobs), .text(try Self.json(r.parameters)),
                .text(try Self.json(r.metrics)), .text(r.toolVersion), .text(r.host), .text(r.startedAt),
            ])
        }
        return r
    }

    /// Records how a campaign session ended; its wall and agent seconds add
    /// to those of earlier sessions (resume).
    public func finish(_ campaignID: String, status: CampaignRecord.Status, stopReason: String?,
                       wallSeconds: Double = 0, agentSeconds: Double = 0) throws {
        try db.prepare("""
            UPDATE dsegym_campaigns SET status = ?, stop_reason = ?, finished_at = ?,
              wall_seconds = wall_seconds + ?, agent_seconds = agent_seconds + ? WHERE campaign_id = ?
            """).run([.text(status.rawValue), .text(stopReason), .text(Timestamp.now()),
                      .double(wallSeconds), .double(agentSeconds), .text(campaignID)])
    }

    /// Marks a campaign running again (resume).
    public func reopen(_ campaignID: String) throws {
        try db.prepare("UPDATE dsegym_campaigns SET status = 'running', finished_at = NULL WHERE campaign_id = ?")
            .run([.text(campaignID)])
    }

    public func campaign(named name: String) throws -> CampaignRecord? {
        try campaigns(where: "name = ?", [.text(name)]).first
    }

    /// Every campaign, oldest first.
    public func campaigns() throws -> [CampaignRecord] {
        try campaigns(where: "1 = 1", [])
    }

    private func campaigns(where condition: String, _ values: [SQLiteValue]) throws -> [CampaignRecord] {
        // A file of the first builds, opened read-only (so not migrated), has no timing columns (see migration v4).
        let timing = try db.columns(of: "dsegym_campaigns").contains("agent_seconds") ? "wall_seconds, agent_seconds" : "0, 0"
        let s = try db.prepare("""
            SELECT campaign_id, name, study_id, environment, env_fingerprint, env_spec_json, env_spec_file,
              objective_json, agent, agent_hyperparameters_json, seed, budget_json, jobs, parameters_json,
              metrics_json, tool_version, host, started_at, finished_at, status, stop_reason,
              \(timing)
            FROM dsegym_campaigns WHERE \(condition) ORDER BY started_at, rowid
            """)
        s.bindAll(values)
        var out: [CampaignRecord] = []
        while try s.step() {
            out.append(CampaignRecord(
                id: s.text(0)!, name: s.text(1)!, studyID: s.int(2), environment: s.text(3)!, fingerprint: s.text(4)!,
                environmentSpec: try StoredJSON.value(s.text(5)!), environmentSpecFile: s.text(6),
                objective: try Self.decode(Objective.self, s.text(7)!), agent: s.text(8)!,
                hyperparameters: try StoredJSON.value(s.text(9)!), seed: UInt64(s.text(10)!) ?? 0,
                budget: try Self.decode(Budget.self, s.text(11)!), jobs: s.int(12),
                parameters: try Self.decode([ParameterColumn].self, s.text(13)!),
                metrics: try Self.decode([MetricSpec].self, s.text(14)!), toolVersion: s.text(15)!, host: s.text(16)!,
                startedAt: s.text(17)!, finishedAt: s.text(18), status: CampaignRecord.Status(rawValue: s.text(19)!) ?? .failed,
                stopReason: s.text(20), wallSeconds: s.double(21) ?? 0, agentSeconds: s.double(22) ?? 0))
        }
        return out
    }

    static func json<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    static func decode<T: Decodable>(_ type: T.Type, _ text: String) throws -> T {
        try JSONDecoder().decode(T.self, from: Data(text.utf8))
    }
}
