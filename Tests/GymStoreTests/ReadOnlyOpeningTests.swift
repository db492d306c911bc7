import Foundation
import Testing
@testable import GymCore
@testable import GymStore

/// Read-only commands open the store read-only: on a read-only file, folder
/// or mount they read the same trials, and they never change the file.
struct ReadOnlyOpeningTests {
    let helper = TrialStoreTests()

    /// A folder holding one closed database (WAL checkpointed, no -wal/-shm)
    /// and the CSV a writable opening exports from it.
    func archive(_ label: String) throws -> (folder: String, database: String, csv: String) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("dsegym-\(label)-\(UUID().uuidString)").path
        let database = folder + "/archive.sqlite"
        do {
            let store = try TrialStore(path: database)
            try store.writer(for: try helper.campaign(store)).append(try helper.trials(25, seed: 9))
        }
        let csv = try CSVExport.csv(store: try TrialStore(path: database), campaigns: try TrialStore(path: database).campaigns())
        return (folder, database, csv)
    }

    @Test func aReadOnlyFileInAReadOnlyFolder_exportsTheSameCSV_andStaysUnchanged() throws {
        let (folder, database, csv) = try archive("chmod")
        try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: database)
        try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: folder)
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: folder) }
        let before = try FileFingerprint(database)
        do {
            let store = try TrialStore.openReadOnly(database)
            // As root chmod stops no write, so check the connection itself refuses them.
            #expect(store.isReadOnly)
            #expect(throws: StoreError.self) { try store.db.execute("PRAGMA user_version = 7") }
            #expect(try CSVExport.csv(store: store, campaigns: try store.campaigns()) == csv)
        }
        #expect(try FileFingerprint(database) == before)
    }

    @Test(.enabled(if: ReadOnlyMount.isAvailable, "needs mount (root): a read-only bind mount"))
    func aDatabaseOnAReadOnlyMount_isReadImmutable_andExportsTheSameCSV() throws {
        let (folder, _, csv) = try archive("mount")
        let mount = try #require(ReadOnlyMount(of: folder))
        let store = try TrialStore.openReadOnly(mount.path + "/archive.sqlite")
        // SQLite cannot create -shm there: only an immutable opening reads it.
        #expect(store.db.mode == .immutable)
        #expect(try CSVExport.csv(store: store, campaigns: try store.campaigns()) == csv)
        #expect(kind { try TrialStore(path: mount.path + "/archive.sqlite") } == .io)
    }

    @Test(.enabled(if: ReadOnlyMount.isAvailable, "needs mount (root): a read-only bind mount"))
    func trialsStillInTheWAL_onAReadOnlyMount_areAnError_notSilentlyMissed() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("dsegym-wal-\(UUID().uuidString)").path
        let copy = folder + "-copy"
        try FileManager.default.createDirectory(atPath: copy, withIntermediateDirectories: true)
        let store = try TrialStore(path: folder + "/db.sqlite")
        try store.writer(for: try helper.campaign(store)).append(try helper.trials(10, seed: 2))
        // Copied while the writer is open: the trials are in -wal, not yet in the database file.
        for suffix in ["", "-wal"] {
            try FileManager.default.copyItem(atPath: folder + "/db.sqlite" + suffix, toPath: copy + "/db.sqlite" + suffix)
        }
        let mount = try #require(ReadOnlyMount(of: copy))
        #expect { try TrialStore.openReadOnly(mount.path + "/db.sqlite") } throws: { e in
            (e as? StoreError)?.kind == .io && "\(e)".contains("-wal")
        }
        withExtendedLifetime(store) {}
    }

    @Test func aReadOnlyStore_refusesWrites_withAStoreError() throws {
        let (_, database, _) = try archive("refuse")
        let store = try TrialStore.openExisting(database, migrate: false)
        #expect(store.isReadOnly)
        #expect { try helper.campaign(store, name: "new") } throws: { ($0 as? StoreError)?.kind == .io }
    }

    func kind(_ body: () throws -> Any) -> StoreError.Kind? {
        do { _ = try body(); return nil } catch let e as StoreError { return e.kind } catch { return nil }
    }
}
