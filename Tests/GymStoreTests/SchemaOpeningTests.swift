import Dispatch
import Foundation
import Testing
@testable import GymCore
@testable import GymStore

/// Opening decides from the file, before writing anything, whether it is
/// ours; creation and migration are one transaction safe under concurrency.
struct SchemaOpeningTests {
    let helper = TrialStoreTests()

    func kind(_ body: () throws -> Any) -> StoreError.Kind? {
        do { _ = try body(); return nil } catch let e as StoreError { return e.kind } catch { return nil }
    }

    @Test func migrations_nameEveryObjectTheyCreate() {
        #expect(Migrations.objects.count == Migrations.latest)
        #expect(Migrations.objects[0].isSuperset(of: ["studies", "trials", "trial_params", "alembic_version", "ix_studies_study_name"]))
        #expect(Migrations.objects[1] == ["dsegym_campaigns", "dsegym_trials", "dsegym_params", "dsegym_metrics"])
        #expect(Migrations.objects[2] == ["dsegym_fronts"])
        #expect(Migrations.objects[3].isEmpty)  // v4 only adds columns
    }

    @Test func aFileThatIsNotSQLite_isCorrupt_andUntouched() throws {
        let path = temporaryPath("text")
        try "name,value\na,1\n".write(toFile: path, atomically: true, encoding: .utf8)
        let before = try FileFingerprint(path)
        #expect(kind { try TrialStore(path: path) } == .corrupt)
        #expect(kind { try TrialStore.openReadOnly(path) } == .corrupt)
        #expect(kind { try TrialStore.openExisting(path) } == .corrupt)
        #expect(try FileFingerprint(path) == before)
    }

    @Test func aForeignSQLiteFile_isRefusedByEveryOpening_byteForByteUnchanged() throws {
        let path = temporaryPath("foreign")
        try sqlite(path, "CREATE TABLE people (name TEXT); INSERT INTO people VALUES ('ada');")
        let before = try FileFingerprint(path)
        #expect(kind { try TrialStore(path: path) } == .foreignSchema)
        #expect(kind { try TrialStore.openExisting(path) } == .foreignSchema)
        #expect(kind { try TrialStore.openReadOnly(path) } == .foreignSchema)
        #expect(try FileFingerprint(path) == before) // still in rollback-journal mode: no WAL switch either
    }

    @Test func aWrongDsegymCampaignsTable_getsNothingCommitted() throws {
        let path = temporaryPath("wrongtable")
        try sqlite(path, "CREATE TABLE dsegym_campaigns (id INTEGER);")
        let before = try FileFingerprint(path)
        #expect(kind { try TrialStore(path: path) } == .foreignSchema)
        #expect(try FileFingerprint(path) == before)
    }

    @Test func resumeOpening_ofAnOptunaOnlyOrEmptyFile_writesNothing() throws {
        let optuna = temporaryPath("optuna-only")
        try sqlite(optuna, Migrations.optunaSchema)
        let empty = temporaryPath("empty")
        #expect(FileManager.default.createFile(atPath: empty, contents: Data()))
        for path in [optuna, empty] {
            let before = try FileFingerprint(path)
            #expect(kind { try TrialStore.openExisting(path) } == .foreignSchema)
            #expect(kind { try TrialStore.openReadOnly(path) } == .foreignSchema)
            #expect(try FileFingerprint(path) == before)
        }
        // Creating a database (run) still adopts an Optuna study storage, as before.
        #expect(try TrialStore(path: optuna).schemaVersion == Migrations.latest)
    }

    @Test func aNewerSchema_isForeign_forWritersAndReaders() throws {
        let path = temporaryPath("newer2")
        _ = try TrialStore(path: path)
        try sqlite(path, "PRAGMA user_version = \(Migrations.latest + 1)")
        #expect(kind { try TrialStore(path: path) } == .foreignSchema)
        #expect(kind { try TrialStore.openReadOnly(path) } == .foreignSchema)
    }

    @Test func migrate_version1WithEveryTable_isRepairedToTheLatest_keepingItsCampaigns() throws {
        // What older builds left when two processes raced on a new file.
        let path = temporaryPath("partial")
        do {
            let store = try TrialStore(path: path)
            try store.writer(for: try helper.campaign(store)).append(try helper.trials(12, seed: 3))
        }
        try sqlite(path, "PRAGMA user_version = 1")
        // Readers need no repair: the tables are all there.
        #expect(try TrialStore.openReadOnly(path).campaigns().map(\.name) == ["c1"])
        let store = try TrialStore(path: path)
        #expect(store.schemaVersion == Migrations.latest)
        let record = try #require(try store.campaign(named: "c1"))
        #expect(try store.storedTrials(of: record.id).count == 12)
    }

    @Test func plan_refusesTablesOfALaterVersionOnlyPartlyPresent() throws {
        let snapshot = SchemaSnapshot(userVersion: 1, objects: Migrations.objects[0].union(["dsegym_campaigns"]))
        #expect(throws: StoreError.self) { try Migrations.plan(snapshot, path: "x") }
        let missing = SchemaSnapshot(userVersion: 2, objects: Migrations.objects[1])
        #expect(throws: StoreError.self) { try Migrations.plan(missing, path: "x") }
        #expect(try Migrations.plan(SchemaSnapshot(userVersion: 0, objects: []), path: "x").start == 0)
        #expect(try Migrations.plan(SchemaSnapshot(userVersion: 1, objects: Migrations.objects[0]), path: "x").start == 1)
    }

    @Test func anEmptyPathOrAFolder_isBadInput() throws {
        #expect(throws: SpecError.self) { try TrialStore(path: "") }
        #expect(throws: SpecError.self) { try TrialStore.openReadOnly("") }
        #expect(throws: SpecError.self) { try TrialStore(path: FileManager.default.temporaryDirectory.path) }
    }

    /// Four connections (threads) creating the same new file at once, 20
    /// times: every one opens, logs its campaign, and the schema is the latest.
    /// (`ConcurrentCreationTests` does the same with four processes.)
    @Test func fourConnectionsCreatingOneNewFile_allSucceed() throws {
        let failures = Failures()
        for round in 0..<20 {
            let path = temporaryPath("race\(round)")
            DispatchQueue.concurrentPerform(iterations: 4) { i in
                do {
                    let store = try TrialStore(path: path)
                    let record = try TrialStoreTests().campaign(store, name: "c\(i)")
                    try store.writer(for: record).append(try TrialStoreTests().trials(8, seed: UInt64(i)))
                } catch {
                    failures.add("round \(round), connection \(i): \(error)")
                }
            }
            let store = try TrialStore.openReadOnly(path)
            #expect(store.schemaVersion == Migrations.latest)
            let campaigns = try store.campaigns()
            #expect(campaigns.count == 4)
            for c in campaigns { #expect(try store.storedTrials(of: c.id).count == 8) }
        }
        #expect(failures.all.isEmpty, "\(failures.all)")
    }

    @Test func twoConnectionsTakingOneName_oneSucceeds_theOtherIsToldWhy() throws {
        let path = temporaryPath("samename")
        _ = try TrialStore(path: path)
        let failures = Failures()
        DispatchQueue.concurrentPerform(iterations: 2) { _ in
            do { _ = try TrialStoreTests().campaign(try TrialStore(path: path), name: "same") }
            catch let e as SpecError { failures.add("\(e)") }
            catch { failures.add("unexpected \(error)") }
        }
        #expect(failures.all.count == 1)
        #expect(failures.all.allSatisfy { $0.contains("already exists") })
        #expect(try TrialStore.openReadOnly(path).campaigns().count == 1)
    }
}

final class Failures: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [String] = []
    func add(_ s: String) { lock.lock(); items.append(s); lock.unlock() }
    var all: [String] { lock.lock(); defer { lock.unlock() }; return items }
}
