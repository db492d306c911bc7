import Foundation
import Testing
@testable import GymStore

/// `export` and `report` read a results archive that cannot be written: a
/// read-only file in a read-only folder, and a read-only mount. They get the
/// same CSV as from the writable original and change nothing.
struct ReadOnlyCommandTests {
    /// A campaign in `dir/archive/db.sqlite`, closed, and its CSV exported
    /// while the folder was writable.
    func archive() throws -> (dir: String, folder: String, csv: [String]) {
        let dir = CLI.temporaryFolder().path
        let folder = "\(dir)/archive"
        let run = try CLI.run(["run", "--env", "environments/synthetic-hartmann6.yaml", "--agent", "ga", "--trials", "40",
                               "--db", "\(folder)/db.sqlite", "--name", "c"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(try CLI.run(["export", "--db", "\(folder)/db.sqlite", "--csv", "\(dir)/writable.csv"]).status == 0)
        // A clean archive: just the database, as a writer leaves it when it closes.
        for suffix in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: "\(folder)/db.sqlite\(suffix)") }
        return (dir, folder, try CLI.csvIgnoringTiming("\(dir)/writable.csv"))
    }

    func exportAndReport(_ database: String, into dir: String) throws -> [String] {
        let export = try CLI.run(["export", "--db", database, "--csv", "\(dir)/readonly.csv"])
        #expect(export.status == 0, "\(export.stderr)")
        let report = try CLI.run(["report", "--db", database, "--out", "\(dir)/report/index.html"])
        #expect(report.status == 0, "\(report.stderr)")
        return try CLI.csvIgnoringTiming("\(dir)/readonly.csv")
    }

    @Test func aReadOnlyFileInAReadOnlyFolder_exportsTheSameCSV_andIsNotTouched() throws {
        let (dir, folder, csv) = try archive()
        let db = "\(folder)/db.sqlite"
        try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: db)
        try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: folder)
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: folder) }
        // As root, chmod stops no write: the proof is the file's bytes and time
        // (GymStoreTests checks the connection itself is read-only).
        let before = try StoreFixtures.Fingerprint(db)
        #expect(try exportAndReport(db, into: dir) == csv)
        #expect(try StoreFixtures.Fingerprint(db) == before)
    }

    @Test(.enabled(if: StoreFixtures.canMount, "needs mount (root)"))
    func aDatabaseOnAReadOnlyMount_exportsTheSameCSV() throws {
        let (dir, folder, csv) = try archive()
        let mount = try #require(StoreFixtures.Mount(readOnlyBindOf: folder))
        #expect(try exportAndReport("\(mount.path)/db.sqlite", into: dir) == csv)
        // Writing commands say why they cannot, as a store failure.
        let resume = try CLI.run(["resume", "--db", "\(mount.path)/db.sqlite", "--name", "c"])
        #expect(resume.status == 3, "\(resume.stderr)")
        #expect(resume.stderr.split(separator: "\n").count == 1)
    }
}
