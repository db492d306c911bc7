import Foundation
import Testing
@testable import GymCore
@testable import GymStore

/// Merging shards: lossless, idempotent, safe against foreign schemas and name clashes.
struct MergeTests {
    let helper = TrialStoreTests()

    func shard(_ label: String, campaigns: [(String, Int)]) throws -> (String, [String: [Trial]]) {
        let path = temporaryPath(label)
        let store = try TrialStore(path: path)
        var written: [String: [Trial]] = [:]
        for (i, (name, count)) in campaigns.enumerated() {
            let record = try helper.campaign(store, name: name)
            let trials = try helper.trials(count, seed: UInt64(i + 10))
            try store.writer(for: record).append(trials)
            written[name] = trials
        }
        return (path, written)
    }

    func rowCount(_ store: TrialStore, _ table: String) throws -> Int {
        let s = try store.db.prepare("SELECT COUNT(*) FROM \(table)")
        _ = try s.step()
        return s.int(0)
    }

    @Test func merge_copiesEveryCampaignAndTrial_withTheirOptunaRows() throws {
        let (a, writtenA) = try shard("a", campaigns: [("x", 20), ("y", 13)])
        let (b, writtenB) = try shard("b", campaigns: [("z", 17)])
        let target = try TrialStore(path: temporaryPath("merged"))
        let first = try target.merge(shard: a)
        let second = try target.merge(shard: b)
        #expect(first.campaignsAdded == 2 && first.trialsAdded == 33)
        #expect(second.campaignsAdded == 1 && second.trialsAdded == 17)
        for (name, trials) in writtenA.merging(writtenB, uniquingKeysWith: { a, _ in a }) {
            let record = try #require(try target.campaign(named: name))
            let read = try target.trials(of: record, space: helper.env.designSpace)
            #expect(read.map(\.configuration) == trials.map(\.configuration))
            #expect(read.map(\.reward) == trials.map(\.reward))
            #expect(read.map(\.metrics) == trials.map(\.metrics))
        }
        #expect(try rowCount(target, "trials") == 50)
        #expect(try rowCount(target, "studies") == 3)
        #expect(try rowCount(target, "trial_params") == 50 * 4)
        // Every Optuna trial belongs to its campaign's study.
        let orphans = try target.db.prepare("""
            SELECT COUNT(*) FROM dsegym_trials t JOIN trials o ON o.trial_id = t.trial_id
            JOIN dsegym_campaigns c ON c.campaign_id = t.campaign_id WHERE o.study_id != c.study_id
            """)
        _ = try orphans.step()
        #expect(orphans.int(0) == 0)
    }

    @Test func mergingTheSameShardTwice_addsNothing() throws {
        let (a, _) = try shard("twice", campaigns: [("x", 20)])
        let target = try TrialStore(path: temporaryPath("merged2"))
        _ = try target.merge(shard: a)
        let again = try target.merge(shard: a)
        #expect(again.trialsAdded == 0 && again.campaignsAdded == 0)
        #expect(try rowCount(target, "dsegym_trials") == 20)
        #expect(try rowCount(target, "trial_user_attributes") == (try rowCount(try TrialStore(path: a), "trial_user_attributes")))
    }

    @Test func aShardThatGrewSinceTheLastMerge_addsOnlyTheNewTrials() throws {
        let path = temporaryPath("grow")
        let store = try TrialStore(path: path)
        let record = try helper.campaign(store, name: "x")
        let trials = try helper.trials(24, seed: 3)
        try store.writer(for: record).append(Array(trials[0..<8]))
        let target = try TrialStore(path: temporaryPath("merged3"))
        #expect(try target.merge(shard: path).trialsAdded == 8)
        try store.writer(for: record).append(Array(trials[8..<24]))
        let r = try target.merge(shard: path)
        #expect(r.trialsAdded == 16 && r.campaignsExtended == 1)
        let read = try target.trials(of: try #require(try target.campaign(named: "x")), space: helper.env.designSpace)
        #expect(read.map(\.index) == Array(0..<24))
    }

    @Test func aShardOfAnotherSchemaVersion_isRefused() throws {
        let (a, _) = try shard("old", campaigns: [("x", 3)])
        try SQLiteDatabase(path: a).execute("PRAGMA user_version = 1")
        let target = try TrialStore(path: temporaryPath("merged4"))
        #expect(throws: StoreError.self) { try target.merge(shard: a) }
        #expect(try rowCount(target, "dsegym_campaigns") == 0)
    }

    @Test func aDifferentCampaignWithTheSameName_isRefused_andNothingIsMerged() throws {
        let (a, _) = try shard("n1", campaigns: [("fresh", 4), ("x", 3)])
        let (b, _) = try shard("n2", campaigns: [("x", 3)])
        let target = try TrialStore(path: temporaryPath("merged5"))
        _ = try target.merge(shard: b)
        #expect(throws: SpecError.self) { try target.merge(shard: a) }
        #expect(try target.campaign(named: "fresh") == nil) // the whole shard rolled back
    }
}
