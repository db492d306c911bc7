/// A problem with user input: a spec file, a preset, a `--set`, a database
/// argument. It always names where (file and key) and what is allowed, and the
/// command line turns it into one line on stderr and exit code 2.
///
/// Only input: a database that is locked, full, damaged or not ours is
/// GymStore's `StoreError` (exit 3), and a stored campaign that can no
/// longer be continued is a `ResumeConflict` (exit 4).
public struct SpecError: Error, CustomStringConvertible, Equatable, Sendable {
    public var file: String?
    public var key: String?
    public var message: String

    public init(file: String? = nil, key: String? = nil, _ message: String) {
        self.file = file
        self.key = key
        self.message = message
    }

    /// The same error, attributed to `file` when it has no file yet.
    public func inFile(_ file: String?) -> SpecError {
        var copy = self
        if copy.file == nil { copy.file = file }
        return copy
    }

    /// The same error with `prefix` prepended to its key path.
    public func underKey(_ prefix: String) -> SpecError {
        var copy = self
        copy.key = copy.key.map { "\(prefix).\($0)" } ?? prefix
        return copy
    }

    public var description: String {
        var parts: [String] = []
        if let file { parts.append(file) }
        if let key { parts.append("key '\(key)'") }
        parts.append(message)
        return parts.joined(separator: ": ")
    }
}
