import Foundation
import Testing
@testable import GymCore
@testable import GymStore

/// A pure 4-parameter environment covering every domain kind.
struct MixedEnvironment: Environment {
    let designSpace = DesignSpace([
        .choice("policy", ["Open", "Closed, adaptive"]), .integer("depth", 2...10, step: 2),
        .ordinal("pes", [64, 128, 256]), .real("clock", 0.5...2, log: true),
    ])
    let metricSpecs = [MetricSpec("latency", "ns", .minimize), MetricSpec("energy", "pJ", .minimize)]
    var id: String { "mixed-v1" }
    var fingerprint: String { id }

    func evaluate(_ c: Configuration) throws -> Metrics {
        if c.int("depth") == 10 { return .infeasible("depth 10 does not fit") }
        let l = Double(c.int("depth")) * c.double("pes") / c.double("clock")
        return Metrics([Metric("latency", "ns", l), Metric("energy", "pJ", l * 0.25)])
    }
}

func temporaryPath(_ label: String) -> String {
    FileManager.default.temporaryDirectory.appendingPathComponent("dsegym-test-\(label)-\(UUID().uuidString).sqlite").path
}

struct TrialStoreTests {
    let env = MixedEnvironment()

    func campaign(_ store: TrialStore, name: String = "c1") throws -> CampaignRecord {
        try store.createCampaign(CampaignRecord(
            name: name, environment: env, environmentSpec: .object(["environment": .string("mixed")]),
            environmentSpecFile: nil, objective: .defaultObjective(for: env.metricSpecs), agent: "random",
            hyperparameters: .object(["batch_size": .number(8)]), seed: 42, budget: Budget(trials: 30), jobs: 2))
    }

    func trials(_ count: Int, seed: UInt64) throws -> [Trial] {
        var rng = SplitMix64(seed: seed)
        let objective = Objective.defaultObjective(for: env.metricSpecs)
        return try (0..<count).map { i in
            let c = env.designSpace.sample(using: &rng)
            let m = try env.evaluate(c)
            let (r, reason) = objective.score(m)
            return Trial(index: i, batch: i / 8, configuration: c, metrics: m, reward: r, reason: reason,
                         cacheHit: false, evalSeconds: 0.001)
        }
    }

    @Test func freshDatabase_migratesToTheLatestSchema_andReopensIdempotently() throws {
        let path = temporaryPath("migrate")
        #expect(try TrialStore(path: path).schemaVersion == Migrations.latest)
        #expect(try TrialStore(path: path).schemaVersion == Migrations.latest)
    }

    @Test func newerSchema_isRefusedWithAClearError() throws {
        let path = temporaryPath("newer")
        _ = try TrialStore(path: path)
        let raw = try SQLiteDatabase(path: path)
        try raw.execute("PRAGMA user_version = 99")
        #expect(throws: StoreError.self) { try TrialStore(path: path) }
    }

    @Test func loggedTrials_readBackAsTheSameTypedValues() throws {
        let store = try TrialStore(path: temporaryPath("roundtrip"))
        let record = try campaign(store)
        let written = try trials(30, seed: 1)
        try store.writer(for: record).append(written)
        let read = try store.trials(of: record, space: env.designSpace)
        #expect(read.count == 30)
        for (a, b) in zip(written, read) {
            #expect(a.configuration == b.configuration)
            #expect(a.metrics == b.metrics)
            #expect(a.reward == b.reward)
            #expect(a.reason == b.reason)
            #expect(a.batch == b.batch)
        }
        let again = try #require(try store.campaign(named: "c1"))
        #expect(again.hyperparameters == .object(["batch_size": .number(8)]))
        #expect(again.parameters.map(\.name) == ["policy", "depth", "pes", "clock"])
        #expect(again.metrics == env.metricSpecs)
        #expect(again.seed == 42)
    }

    @Test func aBatchIsAtomic_aFailedAppendLeavesNoPartialRows() throws {
        let store = try TrialStore(path: temporaryPath("atomic"))
        let record = try campaign(store)
        let writer = try store.writer(for: record)
        let t = try trials(16, seed: 2)
        try writer.append(Array(t[0..<8]))
        var clash = Array(t[8..<16])
        clash[5].index = 2 // duplicates (campaign, trial_index) → the whole batch must roll back
        #expect(throws: (any Error).self) { try writer.append(clash) }
        #expect(try store.storedTrials(of: record.id).count == 8)
        let optunaTrials = try store.db.prepare("SELECT COUNT(*) FROM trials")
        _ = try optunaTrials.step()
        #expect(optunaTrials.int(0) == 8)
    }

    @Test func cache_returnsEveryEvaluatedConfiguration_forTheSameFingerprintOnly() throws {
        let store = try TrialStore(path: temporaryPath("cache"))
        let record = try campaign(store)
        let written = try trials(30, seed: 3)
        try store.writer(for: record).append(written)
        let cache = try store.cachedEvaluations(fingerprint: env.fingerprint, metrics: env.metricSpecs)
        #expect(cache.count == Set(written.map(\.configuration)).count)
        for t in written {
            let hit = try #require(cache[t.configuration.stableHash])
            #expect(hit.metrics == t.metrics)
            #expect(hit.configurationJSON == t.configuration.json)
        }
        #expect(try store.cachedEvaluations(fingerprint: "other-v1", metrics: env.metricSpecs).isEmpty)
    }

    @Test func duplicateCampaignName_isRejected() throws {
        let store = try TrialStore(path: temporaryPath("names"))
        _ = try campaign(store)
        #expect(throws: SpecError.self) { try campaign(store) }
    }

    @Test func optunaRows_encodeChoicesAsIndices_andInfeasibleAsFail() throws {
        let store = try TrialStore(path: temporaryPath("optuna"))
        let record = try campaign(store)
        let written = try trials(30, seed: 4)
        try store.writer(for: record).append(written)
        let states = try store.db.prepare("SELECT number, state FROM trials ORDER BY number")
        var i = 0
        while try states.step() {
            #expect(states.int(0) == i)
            #expect(states.text(1) == (written[i].feasible ? "COMPLETE" : "FAIL"))
            i += 1
        }
        #expect(written.contains { !$0.feasible })
        let params = try store.db.prepare("SELECT param_value, distribution_json FROM trial_params WHERE param_name = 'pes' AND trial_id = 1")
        _ = try params.step()
        #expect(params.double(0) == Double(env.designSpace.parameter(named: "pes")!.domain.index(of: written[0].configuration["pes"]!)!))
        #expect(params.text(1) == #"{"name": "CategoricalDistribution", "attributes": {"choices": [64, 128, 256]}}"#)
        let direction = try store.db.prepare("SELECT direction FROM study_directions")
        _ = try direction.step()
        #expect(direction.text(0) == "MAXIMIZE")
    }

    @Test func csv_hasOneHeaderRowAndOneRowPerTrial_withUnitsInColumnNames() throws {
        let store = try TrialStore(path: temporaryPath("csv"))
        let record = try campaign(store)
        let written = try trials(30, seed: 5)
        try store.writer(for: record).append(written)
        let text = try CSVExport.csv(store: store, campaigns: [record])
        let lines = text.split(separator: "\n")
        #expect(lines.count == 31)
        #expect(lines[0] == "campaign,environment,agent,seed,trial,policy,depth,pes,clock,latency_ns,energy_pJ,reward,feasible,reason,cache_hit,eval_seconds")
        // A choice with a comma is quoted, not split.
        let adaptive = written.firstIndex { $0.configuration.string("policy") == "Closed, adaptive" }
        if let k = adaptive { #expect(lines[k + 1].contains("\"Closed, adaptive\"")) }
    }

    @Test func distributions_roundTripThroughTheirJSON() throws {
        for p in env.designSpace.parameters {
            let d = OptunaDistribution(p.domain)
            let parsed = try #require(OptunaDistribution.parse(d.json))
            #expect(parsed.domain.levelCount == p.domain.levelCount)
            #expect(parsed.json == d.json)
        }
    }
}
