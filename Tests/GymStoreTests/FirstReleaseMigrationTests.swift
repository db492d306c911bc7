import Foundation
import Testing
@testable import GymCore
@testable import GymStore

/// A database written by the first DSEGym build with a store (schema version 2,
/// Tests/fixtures/README.md) still reads, read-only and untouched, and migrates
/// to the latest schema with every trial as that build exported it.
struct FirstReleaseMigrationTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("fixtures")

    /// A fresh copy of the fixture in a temporary folder.
    func copyOfFirstRelease() throws -> String {
        let path = temporaryPath("first-release")
        try FileManager.default.copyItem(atPath: Self.fixtures.appendingPathComponent("first-release-v2.sqlite").path, toPath: path)
        return path
    }

    /// The old build's export, as rows keyed by column name.
    func oldExport() throws -> [[String: String]] {
        let text = try String(contentsOf: Self.fixtures.appendingPathComponent("first-release-v2.csv"), encoding: .utf8)
        return rows(text)
    }

    func rows(_ csv: String) -> [[String: String]] {
        let lines = csv.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        return lines.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(lines[0], $0)) }
    }

    /// Every column the old export had, for every trial, equals ours (timing aside).
    func expectSameTrials(_ store: TrialStore) throws {
        let old = try oldExport()
        let new = rows(try CSVExport.csv(store: store, campaigns: try store.campaigns()))
        #expect(old.count == 35)
        #expect(new.count == old.count)
        for (a, b) in zip(old, new) {
            for (column, value) in a where !CSVExport.timingColumns.contains(column) {
                #expect(b[column] == value, "column \(column) of trial \(a["campaign"] ?? "?")/\(a["trial"] ?? "?")")
            }
        }
    }

    @Test func readOnly_readsEveryTrial_andLeavesTheFileAlone() throws {
        let path = try copyOfFirstRelease()
        let before = try FileFingerprint(path)
        let store = try TrialStore.openReadOnly(path)
        #expect(store.schemaVersion == 2)
        #expect(try store.campaigns().map(\.name) == ["h6", "branin"])
        #expect(try store.campaigns().allSatisfy { $0.wallSeconds == 0 })
        try expectSameTrials(store)
        #expect(try FileFingerprint(path) == before)
    }

    @Test func opening_migratesToTheLatestSchema_keepingEveryTrial() throws {
        let path = try copyOfFirstRelease()
        let store = try TrialStore(path: path)
        #expect(store.schemaVersion == Migrations.latest)
        #expect(try store.db.columns(of: "dsegym_campaigns").isSuperset(of: ["wall_seconds", "agent_seconds"]))
        let objects = try SchemaSnapshot.read(store.db).objects
        #expect(objects.isSuperset(of: Migrations.objects.reduce([], { $0.union($1) })))
        #expect(!objects.contains("dsegym_trials_by_configuration"))
        #expect(try integrityCheck(path) == "ok")
        try expectSameTrials(store)
        // Opening again finds nothing to do.
        #expect(try TrialStore(path: path).schemaVersion == Migrations.latest)
    }
}
