import Foundation

/// The campaigns open on any connection of one server, by database file and
/// name: a campaign is driven by one session at a time, so two clients can
/// never interleave batches of the same campaign.
public final class OpenCampaigns: @unchecked Sendable {
    private let lock = NSLock()
    private var open: Set<String> = []

    public init() {}

    /// Claims `name` in `database`; false when it is already open.
    func claim(_ key: String) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        return open.insert(key).inserted
    }

    func release(_ key: String) {
        lock.lock()
        open.remove(key)
        lock.unlock()
    }

    /// One key per database file (however its path is written) and name.
    static func key(database: String, name: String) -> String {
        URL(fileURLWithPath: database).standardizedFileURL.resolvingSymlinksInPath().path + "\n" + name
    }
}
