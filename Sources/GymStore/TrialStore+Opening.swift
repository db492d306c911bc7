import Foundation
import GymCore

extension TrialStore {
    /// Opens an existing DSEGym database for reading only (export, report,
    /// status, merge sources, proxy fitting): nothing is written, not even
    /// the journal mode, so it works on a read-only file, folder or mount,
    /// and a file that is not ours is left byte for byte as it was.
    ///
    /// SQLite needs to create `-shm` beside a WAL database to share locks with
    /// writers; where it cannot (a read-only folder or medium), the file is
    /// read as immutable, which is safe there because nobody can write it.
    ///
    /// - Throws: `SpecError` if there is no such file; `StoreError` if it is
    ///   not an SQLite database, not DSEGym's, or of a newer schema.
    public static func openReadOnly(_ path: String) throws -> TrialStore {
        try checkPath(path)
        guard FileManager.default.fileExists(atPath: path) else { throw SpecError(file: path, "no such database") }
        var db = try SQLiteDatabase(path: path, mode: .readOnly)
        let snapshot: SchemaSnapshot
        do {
            snapshot = try SchemaSnapshot.read(db)
        } catch let error as StoreError where error.kind == .io {
            // An immutable reader ignores the WAL: only safe when no committed trial waits there.
            let wal = try? FileManager.default.attributesOfItem(atPath: path + "-wal")[.size] as? NSNumber
            guard (wal?.intValue ?? 0) == 0 else {
                throw StoreError(.io, path: path, "cannot read: its -wal file holds committed trials, and SQLite cannot create the -shm it needs to read them in this read-only folder; copy the folder somewhere writable")
            }
            db = try SQLiteDatabase(path: path, mode: .immutable)
            snapshot = try SchemaSnapshot.read(db)
        }
        try Migrations.refuseNewer(snapshot, path: path)
        let missing = Migrations.readerTables.subtracting(snapshot.objects)
        guard snapshot.userVersion >= 1, missing.isEmpty else {
            throw StoreError(.foreignSchema, path: path, notOurs(snapshot))
        }
        return TrialStore(path: path, database: db)
    }

    /// Opens for writing: refuses a foreign file before any write (the
    /// journal-mode switch included), then switches to WAL and migrates.
    static func openForWriting(_ path: String, creating: Bool) throws -> SQLiteDatabase {
        try checkPath(path)
        if creating {
            let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
            if !folder.isEmpty, !FileManager.default.fileExists(atPath: folder) {
                do { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) }
                catch { throw StoreError(.io, path: path, "cannot create folder \(folder): \(error.localizedDescription)") }
            }
        } else {
            guard FileManager.default.fileExists(atPath: path) else { throw SpecError(file: path, "no such database") }
        }
        let db = try SQLiteDatabase(path: path, mode: creating ? .create : .existing)
        let snapshot = try SchemaSnapshot.read(db)
        _ = try Migrations.plan(snapshot, path: path)
        if !creating, snapshot.userVersion == 0 {
            // Resume and friends continue campaigns: a file without them is a mistake, not a new database.
            throw StoreError(.foreignSchema, path: path, notOurs(snapshot))
        }
        // WAL + NORMAL: a commit is durable against a process kill (the case that
        // matters for campaigns); a larger cache and rarer checkpoints keep
        // index maintenance and fsyncs off the hot path of 10^5-trial campaigns.
        try switchToWAL(db)
        try db.execute("""
            PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;
            PRAGMA cache_size = -131072; PRAGMA wal_autocheckpoint = 16384; PRAGMA temp_store = MEMORY;
            """)
        try Migrations.migrate(db) { notice in
            FileHandle.standardError.write(Data("note: \(notice)\n".utf8))
        }
        return db
    }

    /// Switching a file to WAL needs it to itself and, unlike other
    /// statements, fails at once rather than waiting on the busy handler, so
    /// two processes creating one new file would collide here: retry within
    /// the same timeout. (A file already in WAL mode succeeds at once.)
    private static func switchToWAL(_ db: SQLiteDatabase) throws {
        let deadline = Date().addingTimeInterval(Double(SQLiteDatabase.busyTimeoutMilliseconds) / 1000)
        while true {
            do {
                return try db.execute("PRAGMA journal_mode = WAL")
            } catch let error as StoreError where error.kind == .busy && Date() < deadline {
                usleep(5_000)
            }
        }
    }

    /// An empty path would make SQLite log into a temporary database that is
    /// thrown away when the command ends: refuse it, and folders, as input errors.
    private static func checkPath(_ path: String) throws {
        guard !path.isEmpty else {
            throw SpecError(key: "--db", "must name a database file (an empty path would log into a temporary database that is thrown away)")
        }
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue {
            throw SpecError(file: path, key: "--db", "is a folder, not a database file")
        }
    }

    /// Why a file at version 0 (or without DSEGym's tables) is not a DSEGym database.
    private static func notOurs(_ snapshot: SchemaSnapshot) -> String {
        if snapshot.objects.isEmpty { return "not a DSEGym database: it is empty" }
        let dsegym = snapshot.objects.filter { $0.hasPrefix("dsegym_") }
        if dsegym.isEmpty, snapshot.objects.isSubset(of: Migrations.objects[0]) {
            return "not a DSEGym database: it holds an Optuna study storage but no DSEGym campaigns"
        }
        if snapshot.userVersion >= 1 {
            return "a DSEGym database at schema version \(snapshot.userVersion) without its campaign tables; run a campaign into it to migrate it"
        }
        return "not a DSEGym database: it holds \(SchemaSnapshot.list(snapshot.objects)) without a DSEGym schema version"
    }
}
