import CSQLite
import Foundation

/// A thin, fast wrapper over one SQLite connection: prepared statements,
/// transactions, and failures as `StoreError`s that name the database file.
///
/// One connection is used by one thread at a time (the campaign runner logs
/// from its own thread only), so the wrapper adds no locking of its own.
final class SQLiteDatabase {
    /// How the file is opened.
    enum Mode {
        /// Read and write, creating the file if it does not exist.
        case create
        /// Read and write an existing file; never creates one.
        case existing
        /// `?mode=ro`: reads only, still sharing locks (and the WAL) with
        /// writers, so a read while a campaign runs sees committed batches.
        case readOnly
        /// `?immutable=1`: reads only, without locks or a WAL index, for a
        /// file on read-only media where SQLite cannot create `-shm`.
        case immutable

        var flags: Int32 {
            switch self {
            case .create: SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE
            case .existing: SQLITE_OPEN_READWRITE
            case .readOnly, .immutable: SQLITE_OPEN_READONLY
            }
        }

        /// The URI parameters that say the same to SQLite (and to `ATTACH`).
        var query: String {
            switch self {
            case .create: "mode=rwc"
            case .existing: "mode=rw"
            case .readOnly: "mode=ro"
            case .immutable: "mode=ro&immutable=1"
            }
        }
    }

    let path: String
    let mode: Mode
    private(set) var handle: OpaquePointer?

    /// How long a statement waits for another process's lock before failing.
    static let busyTimeoutMilliseconds: Int32 = 10_000

    init(path: String, mode: Mode = .create) throws {
        self.path = path
        self.mode = mode
        // Always a URI, so that `ATTACH` (merge) can name a shard read-only too.
        let rc = sqlite3_open_v2(Self.uri(path, mode.query), &handle, mode.flags | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX, nil)
        guard rc == SQLITE_OK else {
            let failure = StoreError(sqlite: rc, detail: handle.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory",
                                     path: path, activity: "cannot open")
            sqlite3_close(handle)
            handle = nil
            throw failure
        }
        sqlite3_extended_result_codes(handle, 1)
        sqlite3_busy_timeout(handle, Self.busyTimeoutMilliseconds)
    }

    deinit {
        sqlite3_close_v2(handle)
    }

    /// An absolute `file:` URI for `path` (only `%`, `?` and `#` need escaping
    /// in its path), so that no file name is ever taken for a URI by accident.
    static func uri(_ path: String, _ query: String) -> String {
        let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        var escaped = ""
        for c in absolute.unicodeScalars {
            switch c {
            case "%": escaped += "%25"
            case "?": escaped += "%3f"
            case "#": escaped += "%23"
            default: escaped.unicodeScalars.append(c)
            }
        }
        return "file://\(escaped)?\(query)"
    }

    /// True when SQLite will refuse every write on this connection.
    var isReadOnly: Bool { sqlite3_db_readonly(handle, "main") == 1 }

    /// The failure `rc` just caused, as a `StoreError`.
    func failure(_ rc: Int32, _ activity: String) -> StoreError {
        StoreError(sqlite: rc, detail: String(cString: sqlite3_errmsg(handle)), path: path, activity: activity)
    }

    /// Runs one or more statements with no results.
    func execute(_ sql: String, _ activity: String = "cannot write") throws {
        var message: UnsafeMutablePointer<CChar>?
        let rc = sqlite3_exec(handle, sql, nil, nil, &message)
        guard rc == SQLITE_OK else {
            let detail = message.map { String(cString: $0) } ?? String(cString: sqlite3_errmsg(handle))
            sqlite3_free(message)
            throw StoreError(sqlite: rc, detail: detail, path: path, activity: activity)
        }
    }

    func prepare(_ sql: String) throws -> SQLiteStatement {
        var statement: OpaquePointer?
        let rc = sqlite3_prepare_v2(handle, sql, -1, &statement, nil)
        guard rc == SQLITE_OK, let statement else { throw failure(rc, "cannot read") }
        return SQLiteStatement(statement, database: self)
    }

    /// Runs `body` in one transaction: committed if it returns, rolled back if
    /// it throws. `BEGIN IMMEDIATE` takes the write lock at once, so whatever
    /// `body` reads cannot be changed by another process before it commits.
    func transaction<T>(_ body: () throws -> T) throws -> T {
        try execute("BEGIN IMMEDIATE")
        do {
            let result = try body()
            try execute("COMMIT")
            return result
        } catch {
            // SQLite may already have rolled back (a full disk does); then this fails harmlessly.
            try? execute("ROLLBACK")
            throw error
        }
    }

    /// The column names of `table` (empty when there is no such table).
    func columns(of table: String) throws -> Set<String> {
        let s = try prepare("SELECT name FROM pragma_table_info(?)")
        s.bind(1, table)
        var names: Set<String> = []
        while try s.step() { if let name = s.text(0) { names.insert(name) } }
        return names
    }

    var lastInsertRowID: Int64 { sqlite3_last_insert_rowid(handle) }

    var userVersion: Int {
        get throws {
            let s = try prepare("PRAGMA user_version")
            guard try s.step() else { return 0 }
            return s.int(0)
        }
    }
}

/// A prepared statement. Bind with 1-based indices, `step()` through rows,
/// read columns with 0-based indices; `reset()` to reuse.
final class SQLiteStatement {
    private let statement: OpaquePointer
    private unowned let database: SQLiteDatabase

    init(_ statement: OpaquePointer, database: SQLiteDatabase) {
        self.statement = statement
        self.database = database
    }

    deinit {
        sqlite3_finalize(statement)
    }

    // SQLITE_TRANSIENT: SQLite copies the bytes before bind returns.
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    func bind(_ index: Int32, _ value: Int) { sqlite3_bind_int64(statement, index, Int64(value)) }
    func bind(_ index: Int32, _ value: Double?) {
        if let value, value.isFinite { sqlite3_bind_double(statement, index, value) } else { sqlite3_bind_null(statement, index) }
    }
    func bind(_ index: Int32, _ value: String?) {
        guard let value else { sqlite3_bind_null(statement, index); return }
        sqlite3_bind_text(statement, index, value, -1, SQLiteStatement.transient)
    }
    func bind(_ index: Int32, _ value: Bool) { sqlite3_bind_int(statement, index, value ? 1 : 0) }

    /// Binds all values in order, starting at 1.
    func bindAll(_ values: [SQLiteValue]) {
        for (i, v) in values.enumerated() {
            let n = Int32(i + 1)
            switch v {
            case .int(let x): bind(n, x)
            case .double(let x): bind(n, x)
            case .text(let x): bind(n, x)
            }
        }
    }

    /// Advances; true while there is a row to read.
    @discardableResult
    func step() throws -> Bool {
        let rc = sqlite3_step(statement)
        if rc == SQLITE_ROW { return true }
        if rc == SQLITE_DONE { return false }
        throw database.failure(rc, sqlite3_stmt_readonly(statement) != 0 ? "cannot read" : "cannot write")
    }

    func reset() {
        sqlite3_reset(statement)
        sqlite3_clear_bindings(statement)
    }

    /// Runs a statement with these bindings to completion (for inserts/updates).
    func run(_ values: [SQLiteValue]) throws {
        reset()
        bindAll(values)
        try step()
    }

    func int(_ column: Int32) -> Int { Int(sqlite3_column_int64(statement, column)) }
    func double(_ column: Int32) -> Double? {
        sqlite3_column_type(statement, column) == SQLITE_NULL ? nil : sqlite3_column_double(statement, column)
    }
    func text(_ column: Int32) -> String? {
        guard let p = sqlite3_column_text(statement, column) else { return nil }
        return String(cString: p)
    }
}

/// A value to bind.
enum SQLiteValue {
    case int(Int)
    case double(Double?)
    case text(String?)
}
