/// A failure of the trial database itself, not of the user's input: the file
/// is locked, full, damaged, not ours, or cannot be read or written. The
/// command line prints it as one line and exits 3, so a script can tell "fix
/// the storage" from "fix the command" (exit 2, `SpecError`).
///
/// It always names the database file and says what went wrong in one line,
/// never the SQL that was running:
///
///     results/a.sqlite: disk full while writing (database or disk is full)
public struct StoreError: Error, CustomStringConvertible, Equatable, Sendable {
    public enum Kind: String, Sendable {
        /// Another process holds the lock longer than the busy timeout.
        case busy
        /// No space left on the device (or the database's page limit).
        case full
        /// Not an SQLite database, or damaged, or holding values we cannot read.
        case corrupt
        /// An SQLite file that is not a DSEGym database (tables that are not
        /// ours), or one of a newer schema version than this dsegym knows.
        case foreignSchema
        /// The file or its folder cannot be opened, read or written
        /// (including a read-only file, folder or mount).
        case io
    }

    public var kind: Kind
    public var path: String
    public var message: String

    public init(_ kind: Kind, path: String, _ message: String) {
        self.kind = kind
        self.path = path
        self.message = message
    }

    public var description: String { "\(path): \(message)" }
}
