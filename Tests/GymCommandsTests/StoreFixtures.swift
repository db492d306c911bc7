import Foundation
import GymTesting
@testable import GymStore

/// Files and checks for the store's command-line tests: raw SQLite files
/// DSEGym did not write, proof that a file was left alone, and the
/// read-only and full filesystems a results archive or a cluster node has.
enum StoreFixtures {
    /// A file's bytes and modification time.
    struct Fingerprint: Equatable {
        var bytes: Data
        var modified: Date?

        init(_ path: String) throws {
            bytes = try Data(contentsOf: URL(fileURLWithPath: path))
            modified = try FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date
        }
    }

    static func sqlite(_ path: String, _ sql: String) throws {
        try SQLiteDatabase(path: path).execute(sql)
    }

    /// `PRAGMA integrity_check`, read-only.
    static func integrity(_ path: String) throws -> String {
        let s = try SQLiteDatabase(path: path, mode: .readOnly).prepare("PRAGMA integrity_check")
        _ = try s.step()
        return s.text(0) ?? ""
    }

    /// Runs a system tool quietly; true when it succeeded.
    @discardableResult
    static func system(_ tool: String, _ arguments: [String]) -> Bool {
        SystemTool.run(tool, arguments)
    }

    /// Whether this process may mount (root in a privileged container):
    /// only then can a test make a folder read-only for root, or a disk full.
    static let canMount: Bool = {
        let probe = CLI.temporaryFolder().path
        guard let m = Mount(tmpfsAt: probe, bytes: 64 * 1024) else { return false }
        _ = m
        return true
    }()

    /// A mount that is undone when the value goes away.
    final class Mount {
        let path: String

        /// A read-only bind mount of `source`, at `source-ro`.
        init?(readOnlyBindOf source: String) {
            path = source + "-ro"
            try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
            guard system("/bin/mount", ["--bind", source, path]) else { return nil }
            guard system("/bin/mount", ["-o", "remount,ro,bind", path]) else { system("/bin/umount", [path]); return nil }
        }

        /// A tmpfs of `bytes` at `path`: a disk that fills up.
        init?(tmpfsAt path: String, bytes: Int) {
            self.path = path
            try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
            guard system("/bin/mount", ["-t", "tmpfs", "-o", "size=\(bytes)", "tmpfs", path]) else { return nil }
        }

        deinit { system("/bin/umount", [path]) }
    }
}
