/// What a database file holds before DSEGym writes to it: its schema version
/// and the names of its tables, views and indexes. Opening decides from it,
/// without writing, whether the file is ours, empty, Optuna's, newer or
/// foreign (see `Migrations.plan`).
struct SchemaSnapshot: Equatable {
    var userVersion: Int
    /// Names of tables, views and indexes, SQLite's own (`sqlite_*`) excluded.
    var objects: Set<String>

    /// Reads the snapshot; the first read of a file that is not an SQLite
    /// database fails here, as `StoreError.Kind.corrupt`.
    ///
    /// One statement, so one read transaction: the version and the names
    /// come from the same state even while another process migrates the file.
    static func read(_ db: SQLiteDatabase) throws -> SchemaSnapshot {
        let s = try db.prepare("""
            SELECT v.user_version, m.name FROM pragma_user_version AS v
            LEFT JOIN sqlite_master AS m ON m.name NOT LIKE 'sqlite\\_%' ESCAPE '\\'
            """)
        var snapshot = SchemaSnapshot(userVersion: 0, objects: [])
        while try s.step() {
            snapshot.userVersion = s.int(0)
            if let name = s.text(1) { snapshot.objects.insert(name) }
        }
        return snapshot
    }

    /// Up to three names for a message, and how many more there are.
    static func list(_ names: Set<String>) -> String {
        let sorted = names.sorted()
        let shown = sorted.prefix(3).joined(separator: ", ")
        return sorted.count > 3 ? "\(shown) and \(sorted.count - 3) more" : shown
    }
}
