import CSQLite
import Foundation
import Testing
@testable import GymCore
@testable import GymStore

/// SQLite failures become `StoreError`s of the right kind, and a failed
/// write leaves every earlier batch in a consistent file.
struct StoreFailureTests {
    let helper = TrialStoreTests()

    @Test func sqliteResultCodes_mapToTheirKinds() {
        let cases: [(Int32, StoreError.Kind)] = [
            (SQLITE_BUSY, .busy), (SQLITE_LOCKED, .busy), (SQLITE_FULL, .full), (SQLITE_CORRUPT, .corrupt),
            (SQLITE_NOTADB, .corrupt), (SQLITE_READONLY, .io), (SQLITE_IOERR, .io), (SQLITE_CANTOPEN, .io),
            (SQLITE_IOERR | (4 << 8), .io), (SQLITE_READONLY | (1 << 8), .io), (SQLITE_CONSTRAINT, .corrupt),
        ]
        for (code, kind) in cases {
            let e = StoreError(sqlite: code, detail: "detail\nsecond line", path: "db.sqlite", activity: "cannot write")
            #expect(e.kind == kind, "code \(code)")
            #expect(!e.description.contains("\n"))
            #expect(e.description.hasPrefix("db.sqlite: cannot write: "))
        }
    }

    /// The database's page limit stands in for a full disk (the CLI test
    /// fills a real tmpfs where it may mount one).
    @Test func aFullDatabase_failsWithFull_andKeepsEveryEarlierBatch() throws {
        let path = temporaryPath("full")
        let store = try TrialStore(path: path)
        let record = try helper.campaign(store)
        let writer = try store.writer(for: record)
        let trials = try helper.trials(400, seed: 5)
        let pages = try store.db.prepare("PRAGMA page_count")
        _ = try pages.step()
        try store.db.execute("PRAGMA max_page_count = \(pages.int(0) + 8)")
        var logged = 0
        var failure: StoreError?
        for start in stride(from: 0, to: trials.count, by: 8) {
            do {
                try writer.append(Array(trials[start..<start + 8]))
                logged += 8
            } catch let e as StoreError {
                failure = e
                break
            }
        }
        let e = try #require(failure)
        #expect(e.kind == .full)
        #expect(e.description == "\(path): cannot write: disk full (database or disk is full)")
        #expect(logged > 0)
        #expect(try integrityCheck(path) == "ok")
        let read = try TrialStore.openReadOnly(path).trials(of: record, space: helper.env.designSpace)
        #expect(read.count == logged)
        #expect(read.map(\.configuration) == trials.prefix(logged).map(\.configuration))
    }
}
