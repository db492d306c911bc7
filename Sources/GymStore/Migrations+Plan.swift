import Foundation

/// Reading a file's state against the migrations: which have been applied
/// (repairing a version number older builds left behind), and whether the
/// file is ours at all. Pure, so every case is testable without SQLite.
extension Migrations {
    /// Where migration must start for a file in `snapshot`'s state, or why
    /// it must not be touched.
    struct Plan: Equatable {
        /// Index of the first migration to run (`latest`: none).
        var start: Int
    }

    static func plan(_ snapshot: SchemaSnapshot, path: String) throws -> Plan {
        try refuseNewer(snapshot, path: path)
        let version = snapshot.userVersion
        let present = snapshot.objects
        if version == 0 {
            // Empty, or an Optuna study database (migration 1 adopts its tables as they are).
            let foreign = present.subtracting(objects[0])
            guard foreign.isEmpty else {
                throw StoreError(.foreignSchema, path: path, "not a DSEGym database: it holds \(SchemaSnapshot.list(foreign)) without a DSEGym schema version")
            }
            return Plan(start: 0)
        }
        for i in 0..<version {
            let missing = objects[i].subtracting(present)
            guard missing.isEmpty else {
                throw StoreError(.corrupt, path: path, "schema version \(version) but \(SchemaSnapshot.list(missing)) missing")
            }
        }
        // Repair: migrations whose every object is already there were applied.
        // (One that creates nothing, only adds columns, is run again: it is idempotent.)
        var start = version
        while start < latest, !objects[start].isEmpty, objects[start].isSubset(of: present) { start += 1 }
        for i in start..<latest {
            let partial = objects[i].intersection(present)
            guard partial.isEmpty else {
                throw StoreError(.foreignSchema, path: path, "schema version \(version) with \(SchemaSnapshot.list(partial)) of a later version but not all of it; not written by dsegym")
            }
        }
        return Plan(start: start)
    }

    static func refuseNewer(_ snapshot: SchemaSnapshot, path: String) throws {
        guard snapshot.userVersion <= latest else {
            throw StoreError(.foreignSchema, path: path, "schema version \(snapshot.userVersion) is newer than this dsegym's (\(latest)); use the newer dsegym that wrote it")
        }
    }

    /// Names of the tables, views and indexes each migration creates, read
    /// from its SQL so that the two cannot disagree.
    static let objects: [Set<String>] = all.map { createdNames($0.sql) }

    static func createdNames(_ sql: String) -> Set<String> {
        var names: Set<String> = []
        for line in sql.split(separator: "\n") {
            var words = line.split(separator: " ").map(String.init)[...]
            guard words.first == "CREATE" else { continue }
            words = words.dropFirst()
            if words.first == "UNIQUE" { words = words.dropFirst() }
            guard let kind = words.first, ["TABLE", "INDEX", "VIEW"].contains(kind) else { continue }
            words = words.dropFirst()
            if Array(words.prefix(3)) == ["IF", "NOT", "EXISTS"] { words = words.dropFirst(3) }
            if let name = words.first { names.insert(name.trimmingCharacters(in: ["(", "\""])) }
        }
        return names
    }

    /// The objects every reader needs (schema version 2 on).
    static let readerTables: Set<String> = ["dsegym_campaigns", "dsegym_trials"]
}
