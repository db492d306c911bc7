import CSQLite

extension StoreError {
    /// Classifies an SQLite result code. `activity` says what failed ("cannot
    /// write"), `detail` is SQLite's own message, kept in parentheses because
    /// it is often the most precise word on the cause.
    init(sqlite code: Int32, detail: String, path: String, activity: String) {
        let kind: Kind
        let summary: String
        switch code & 0xFF {
        case SQLITE_BUSY, SQLITE_LOCKED:
            kind = .busy
            summary = "the database is locked by another process (waited \(SQLiteDatabase.busyTimeoutMilliseconds / 1000) s)"
        case SQLITE_FULL:
            kind = .full
            summary = "disk full"
        case SQLITE_NOTADB:
            kind = .corrupt
            summary = "not an SQLite database"
        case SQLITE_CORRUPT:
            kind = .corrupt
            summary = "the database is damaged"
        case SQLITE_READONLY:
            kind = .io
            summary = "the database, its folder or its disk is read-only"
        case SQLITE_IOERR, SQLITE_CANTOPEN, SQLITE_PERM, SQLITE_PROTOCOL, SQLITE_NOLFS, SQLITE_AUTH:
            kind = .io
            summary = "I/O error"
        case SQLITE_NOMEM:
            kind = .io
            summary = "out of memory"
        default:
            // With the schema checked on opening, any other failure means the
            // file does not hold what DSEGym wrote there.
            kind = .corrupt
            summary = "unexpected content"
        }
        self.init(kind, path: path, "\(activity): \(summary) (\(detail.split(separator: "\n").joined(separator: " ")))")
    }
}
