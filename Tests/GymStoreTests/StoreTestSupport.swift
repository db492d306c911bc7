import Foundation
import GymTesting
@testable import GymStore

/// A file's bytes and modification time, to show a command left it alone.
struct FileFingerprint: Equatable {
    var bytes: Data
    var modified: Date?

    init(_ path: String) throws {
        bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        modified = try FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date
    }
}

/// A raw connection for building files DSEGym did not write (foreign
/// tables, old versions) and for checking integrity afterwards.
func sqlite(_ path: String, _ sql: String) throws {
    try SQLiteDatabase(path: path).execute(sql)
}

func integrityCheck(_ path: String) throws -> String {
    let db = try SQLiteDatabase(path: path, mode: .readOnly)
    let s = try db.prepare("PRAGMA integrity_check")
    _ = try s.step()
    return s.text(0) ?? ""
}

/// A read-only bind mount of a folder: what an archive disk looks like, and
/// the only way to make a folder read-only for root (tests run as root,
/// where chmod stops nothing). Nil where mounting is not allowed.
final class ReadOnlyMount {
    let path: String

    static let isAvailable: Bool = {
        let source = FileManager.default.temporaryDirectory.appendingPathComponent("dsegym-mount-probe-\(UUID().uuidString)").path
        try? FileManager.default.createDirectory(atPath: source, withIntermediateDirectories: true)
        return ReadOnlyMount(of: source) != nil
    }()

    init?(of source: String) {
        path = source + "-ro"
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        guard Self.mount(["--bind", source, path]) else { return nil }
        guard Self.mount(["-o", "remount,ro,bind", path]) else { Self.umount(path); return nil }
    }

    deinit { Self.umount(path) }

    private static func mount(_ arguments: [String]) -> Bool { run("/bin/mount", arguments) }
    private static func umount(_ path: String) { _ = run("/bin/umount", [path]) }

    private static func run(_ tool: String, _ arguments: [String]) -> Bool {
        SystemTool.run(tool, arguments)
    }
}
