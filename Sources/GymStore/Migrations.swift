/// The store's schema, as an append-only list of migrations. A shipped
/// migration is never edited: a new column means a new migration. The number of
/// applied migrations is kept in `PRAGMA user_version`.
///
/// The file is at the same time a valid **Optuna** RDB storage (schema 12,
/// alembic head `v3.2.0.a`, docs/references.md §7): its tables are created here
/// verbatim as Optuna's SQLAlchemy models create them, so `optuna.load_study`
/// and optuna-dashboard open a DSEGym database as it is.
enum Migrations {
    /// One step of the schema: SQL that creates objects, and columns added to
    /// existing tables where they are missing (SQLite has no `ADD COLUMN IF
    /// NOT EXISTS`, and files of one version number can differ, see v4).
    struct Migration: Sendable {
        var name: String
        var sql: String
        var columns: [(table: String, column: String, definition: String)] = []
    }

    static let all: [Migration] = [
        Migration(name: "v1-optuna-schema-12", sql: optunaSchema),
        Migration(name: "v2-dsegym-campaigns-and-trials", sql: dsegymSchema),
        Migration(name: "v3-pareto-fronts", sql: paretoFronts),
        // The first builds (until 2026-11-28) wrote version 2 without the
        // campaign timing columns, and with a per-trial index later dropped for
        // write speed: v2's SQL was edited in place, which this list forbids.
        // v4 brings such files to the shape later version-2 files have.
        Migration(name: "v4-campaign-timing-columns", sql: "DROP INDEX IF EXISTS dsegym_trials_by_configuration;",
                  columns: [("dsegym_campaigns", "wall_seconds", "REAL NOT NULL DEFAULT 0"),
                            ("dsegym_campaigns", "agent_seconds", "REAL NOT NULL DEFAULT 0")]),
    ]

    static var latest: Int { all.count }

    /// Brings the schema to the latest version in one `BEGIN IMMEDIATE`
    /// transaction that re-reads `user_version` inside it: two processes
    /// creating the same new file queue on the write lock, and the second
    /// finds the work done. (Older builds read the version outside the
    /// transaction and could fail, or leave a file at version 1 with every
    /// table; `plan` repairs that.) Every step commits or none does.
    ///
    /// - Parameter notice: receives one line when a file is repaired.
    /// - Throws: `StoreError` (`.foreignSchema` for a file that is not ours,
    ///   before anything is written).
    static func migrate(_ db: SQLiteDatabase, notice: (String) -> Void) throws {
        // Without the write lock: refuse a foreign or damaged file, and leave
        // one at the latest version (it never goes back) without writing.
        let outside = try SchemaSnapshot.read(db)
        _ = try plan(outside, path: db.path)
        if outside.userVersion == latest { return }
        try db.transaction {
            let snapshot = try SchemaSnapshot.read(db)
            let plan = try plan(snapshot, path: db.path)
            if plan.start > snapshot.userVersion {
                notice("\(db.path): repaired schema version \(snapshot.userVersion) to \(plan.start): its tables were all present (left by an older dsegym that raced another on creating the file)")
            }
            for migration in all[plan.start...] { try apply(migration, to: db) }
            if snapshot.userVersion != latest { try db.execute("PRAGMA user_version = \(latest)") }
        }
    }

    static func apply(_ migration: Migration, to db: SQLiteDatabase) throws {
        try db.execute(migration.sql)
        for (table, column, definition) in migration.columns where try !db.columns(of: table).contains(column) {
            try db.execute("ALTER TABLE \(table) ADD COLUMN \(column) \(definition)")
        }
    }

    static let optunaSchema = """
    CREATE TABLE IF NOT EXISTS studies (
        study_id INTEGER NOT NULL,
        study_name VARCHAR(512) NOT NULL,
        PRIMARY KEY (study_id)
    );
    CREATE UNIQUE INDEX IF NOT EXISTS ix_studies_study_name ON studies (study_name);
    CREATE TABLE IF NOT EXISTS version_info (
        version_info_id INTEGER NOT NULL,
        schema_version INTEGER,
        library_version VARCHAR(256),
        PRIMARY KEY (version_info_id),
        CHECK (version_info_id=1)
    );
    CREATE TABLE IF NOT EXISTS study_directions (
        study_direction_id INTEGER NOT NULL,
        direction VARCHAR(8) NOT NULL,
        study_id INTEGER NOT NULL,
        objective INTEGER NOT NULL,
        PRIMARY KEY (study_direction_id),
        UNIQUE (study_id, objective),
        FOREIGN KEY(study_id) REFERENCES studies (study_id)
    );
    CREATE TABLE IF NOT EXISTS study_user_attributes (
        study_user_attribute_id INTEGER NOT NULL,
        study_id INTEGER,
        "key" VARCHAR(512),
        value_json TEXT,
        PRIMARY KEY (study_user_attribute_id),
        UNIQUE (study_id, "key"),
        FOREIGN KEY(study_id) REFERENCES studies (study_id)
    );
    CREATE TABLE IF NOT EXISTS study_system_attributes (
        study_system_attribute_id INTEGER NOT NULL,
        study_id INTEGER,
        "key" VARCHAR(512),
        value_json TEXT,
        PRIMARY KEY (study_system_attribute_id),
        UNIQUE (study_id, "key"),
        FOREIGN KEY(study_id) REFERENCES studies (study_id)
    );
    CREATE TABLE IF NOT EXISTS trials (
        trial_id INTEGER NOT NULL,
        number INTEGER,
        study_id INTEGER,
        state VARCHAR(8) NOT NULL,
        datetime_start DATETIME,
        datetime_complete DATETIME,
        PRIMARY KEY (trial_id),
        FOREIGN KEY(study_id) REFERENCES studies (study_id)
    );
    CREATE INDEX IF NOT EXISTS ix_trials_study_id ON trials (study_id);
    CREATE TABLE IF NOT EXISTS trial_user_attributes (
        trial_user_attribute_id INTEGER NOT NULL,
        trial_id INTEGER,
        "key" VARCHAR(512),
        value_json TEXT,
        PRIMARY KEY (trial_user_attribute_id),
        UNIQUE (trial_id, "key"),
        FOREIGN KEY(trial_id) REFERENCES trials (trial_id)
    );
    CREATE TABLE IF NOT EXISTS trial_system_attributes (
        trial_system_attribute_id INTEGER NOT NULL,
        trial_id INTEGER,
        "key" VARCHAR(512),
        value_json TEXT,
        PRIMARY KEY (trial_system_attribute_id),
        UNIQUE (trial_id, "key"),
        FOREIGN KEY(trial_id) REFERENCES trials (trial_id)
    );
    CREATE TABLE IF NOT EXISTS trial_params (
        param_id INTEGER NOT NULL,
        trial_id INTEGER,
        param_name VARCHAR(512),
        param_value FLOAT,
        distribution_json TEXT,
        PRIMARY KEY (param_id),
        UNIQUE (trial_id, param_name),
        FOREIGN KEY(trial_id) REFERENCES trials (trial_id)
    );
    CREATE TABLE IF NOT EXISTS trial_values (
        trial_value_id INTEGER NOT NULL,
        trial_id INTEGER NOT NULL,
        objective INTEGER NOT NULL,
        value FLOAT,
        value_type VARCHAR(7) NOT NULL,
        PRIMARY KEY (trial_value_id),
        UNIQUE (trial_id, objective),
        FOREIGN KEY(trial_id) REFERENCES trials (trial_id)
    );
    CREATE TABLE IF NOT EXISTS trial_intermediate_values (
        trial_intermediate_value_id INTEGER NOT NULL,
        trial_id INTEGER NOT NULL,
        step INTEGER NOT NULL,
        intermediate_value FLOAT,
        intermediate_value_type VARCHAR(7) NOT NULL,
        PRIMARY KEY (trial_intermediate_value_id),
        UNIQUE (trial_id, step),
        FOREIGN KEY(trial_id) REFERENCES trials (trial_id)
    );
    CREATE TABLE IF NOT EXISTS trial_heartbeats (
        trial_heartbeat_id INTEGER NOT NULL,
        trial_id INTEGER NOT NULL,
        heartbeat DATETIME NOT NULL,
        PRIMARY KEY (trial_heartbeat_id),
        UNIQUE (trial_id),
        FOREIGN KEY(trial_id) REFERENCES trials (trial_id)
    );
    CREATE TABLE IF NOT EXISTS alembic_version (
        version_num VARCHAR(32) NOT NULL,
        CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num)
    );
    INSERT OR IGNORE INTO version_info (version_info_id, schema_version, library_version) VALUES (1, 12, '4.0.0');
    INSERT OR IGNORE INTO alembic_version (version_num) VALUES ('v3.2.0.a');
    """

    /// DSEGym's own provenance and trial tables. Each campaign is also an
    /// Optuna study (`study_id`), each trial an Optuna trial (`trial_id`);
    /// parameters and metrics live in Optuna's `trial_params` and
    /// `trial_user_attributes`, and in the JSON columns here for fast reads.
    /// After every batch of a campaign with a `pareto` objective: the
    /// non-dominated trials so far and the hypervolume they dominate.
    static let paretoFronts = """
    CREATE TABLE dsegym_fronts (
        campaign_id TEXT NOT NULL REFERENCES dsegym_campaigns (campaign_id) ON DELETE CASCADE,
        batch INTEGER NOT NULL,
        trials INTEGER NOT NULL,
        front_size INTEGER NOT NULL,
        hypervolume REAL,
        reference_json TEXT,
        front_json TEXT NOT NULL,
        PRIMARY KEY (campaign_id, batch)
    ) WITHOUT ROWID;
    """

    static let dsegymSchema = """
    CREATE TABLE dsegym_campaigns (
        campaign_id TEXT NOT NULL PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        study_id INTEGER NOT NULL REFERENCES studies (study_id),
        environment TEXT NOT NULL,
        env_fingerprint TEXT NOT NULL,
        env_spec_json TEXT NOT NULL,
        env_spec_file TEXT,
        objective_json TEXT NOT NULL,
        agent TEXT NOT NULL,
        agent_hyperparameters_json TEXT NOT NULL,
        seed INTEGER NOT NULL,
        budget_json TEXT NOT NULL,
        jobs INTEGER NOT NULL,
        parameters_json TEXT NOT NULL,
        metrics_json TEXT NOT NULL,
        tool_version TEXT NOT NULL,
        host TEXT NOT NULL,
        started_at TEXT NOT NULL,
        finished_at TEXT,
        status TEXT NOT NULL CHECK (status IN ('running', 'finished', 'interrupted', 'failed')),
        stop_reason TEXT,
        wall_seconds REAL NOT NULL DEFAULT 0,
        agent_seconds REAL NOT NULL DEFAULT 0
    );
    CREATE TABLE dsegym_trials (
        campaign_id TEXT NOT NULL REFERENCES dsegym_campaigns (campaign_id) ON DELETE CASCADE,
        trial_index INTEGER NOT NULL,
        batch INTEGER NOT NULL,
        trial_id INTEGER NOT NULL REFERENCES trials (trial_id),
        env_fingerprint TEXT NOT NULL,
        config_hash TEXT NOT NULL,
        config_json TEXT NOT NULL,
        metrics_json TEXT NOT NULL,
        reward REAL,
        feasible INTEGER NOT NULL,
        env_feasible INTEGER NOT NULL,
        reason TEXT,
        eval_seconds REAL NOT NULL,
        cache_hit INTEGER NOT NULL,
        created_at TEXT NOT NULL,
        PRIMARY KEY (campaign_id, trial_index)
    ) WITHOUT ROWID;
    CREATE VIEW dsegym_params AS
        SELECT t.campaign_id, t.trial_index, p.key AS name, p.value AS value
        FROM dsegym_trials AS t, json_each(t.config_json) AS p;
    CREATE VIEW dsegym_metrics AS
        SELECT t.campaign_id, t.trial_index, m.key AS name, m.value AS value
        FROM dsegym_trials AS t, json_each(t.metrics_json) AS m;
    """
}
