import Foundation
import GymCore
import Testing
@testable import GymProxy

struct ProxyModelTests {
    static let environment = ToyCostEnvironment()

    static func temporaryFile(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("dsegym-proxy-\(UUID().uuidString)-\(name)").path
    }

    /// Save, load: the same predictions to the bit, for every regressor kind.
    @Test(arguments: ModelKind.allCases)
    func modelFile_roundTrips_withIdenticalPredictions(_ kind: ModelKind) throws {
        let env = Self.environment
        let model = try env.fit(kind, trials: try env.trials(150, seed: 1))
        let path = Self.temporaryFile("\(kind).json")
        defer { try? FileManager.default.removeItem(atPath: path) }
        try model.save(to: path)
        let loaded = try ProxyModel.load(path)
        let probe = try env.trials(60, seed: 99).configurations
        let before = model.predict(probe, space: env.designSpace), after = loaded.predict(probe, space: env.designSpace)
        #expect(before == after)
        #expect(loaded.training.trialSetHash == model.training.trialSetHash)
        #expect(loaded.encoding == model.encoding)
        if kind == .gp {
            // The GP is conditioned on a capped, seeded subsample (maxPoints 60).
            #expect(model.metrics.allSatisfy { $0.trainingCount == 60 })
        }
    }

    @Test func sameSeed_sameModelFile_differentSeed_differentForest() throws {
        let env = Self.environment
        let trials = try env.trials(120, seed: 2)
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let a = try encoder.encode(try env.fit(.rf, trials: trials, seed: 4, folds: 2))
        let b = try encoder.encode(try env.fit(.rf, trials: trials, seed: 4, folds: 2))
        let c = try encoder.encode(try env.fit(.rf, trials: trials, seed: 5, folds: 2))
        #expect(a == b)
        #expect(a != c)
    }

    /// Categoricals become one-hot columns; powers of two and log reals log₂; integers stay linear.
    @Test func encoding_isOneHotPlusLogOfGeometricKnobs() {
        let encoding = FeatureEncoding(space: Self.environment.designSpace)
        #expect(encoding.columns.map(\.name) == ["policy=open", "policy=closed", "policy=adaptive", "log2(pes)", "depth", "log2(clock)"])
        let c = Configuration(["policy": .text("closed"), "pes": .real(64), "depth": .int(3), "clock": .real(2)])
        #expect(encoding.features(c) == [0, 1, 0, 6, 3, 1])
    }

    /// The model file records what it was trained on and how it cross-validated.
    @Test func modelFile_recordsTrainingIdentityAndCrossValidation() throws {
        let env = Self.environment
        let trials = try env.trials(200, seed: 3)
        let model = try env.fit(.rf, trials: trials, folds: 4)
        #expect(model.format == ProxyModel.formatName && model.version == ProxyModel.currentVersion)
        #expect(model.environment.fingerprint == env.fingerprint)
        #expect(model.training.campaigns.map(\.id) == ["toy-3"])
        #expect(model.training.configurationHashes.count == 200)
        #expect(model.training.trialSetHash == trials.identityHash)
        #expect(try env.trials(200, seed: 4).identityHash != trials.identityHash)
        let cv = try #require(model.crossValidation)
        #expect(cv.folds == 4)
        // 200 trials of a 4-knob space: measured R² 0.87.
        #expect(try #require(cv.metrics["energy_pJ"]).r2 > 0.8, "\(cv.metrics)")
        // The feasibility model exists because some trials were infeasible.
        #expect(model.feasibility != nil)
    }

    @Test func aForestProxy_predictsHeldOutCostsClosely_andLearnsInfeasibility() throws {
        let env = Self.environment
        let model = try env.fit(.rf, trials: try env.trials(1500, seed: 6), trees: 32)
        let held = ProxyEvaluation.excludingTraining(try env.trials(400, seed: 7), of: model)
        let accuracy = Dictionary(uniqueKeysWithValues: ProxyEvaluation.accuracy(model: model, on: held, space: env.designSpace).map { ($0.key, $0.accuracy) })
        // Latency spans 100 ns ... 3.5 ms (1/(pes·clock)), so R² in linear units is
        // set by a few extremes: measured 0.94, ranking τ 0.97; energy 0.993.
        let latency = try #require(accuracy["latency_ns"]), energy = try #require(accuracy["energy_pJ"])
        #expect(latency.r2 > 0.9 && latency.kendallTau > 0.95, "\(latency)")
        #expect(energy.r2 > 0.98, "\(energy)")
        #expect(try #require(ProxyEvaluation.feasibilityAgreement(model: model, on: held)) > 0.97)
    }

    @Test func overlap_findsSharedCampaignsAndConfigurations() throws {
        let env = Self.environment
        let train = try env.trials(100, seed: 8)
        let model = try env.fit(.knn, trials: train)
        let same = ProxyEvaluation.overlap(of: train, with: model)
        #expect(same.campaigns == ["toy-8"] && same.configurations == 100)
        var other = try env.trials(50, seed: 9)
        other = other.merging(train.subset([0, 1, 2]))
        let partial = ProxyEvaluation.overlap(of: other, with: model)
        #expect(partial.campaigns == ["toy-8"])  // merging keeps train's source
        #expect(partial.configurations >= 3)
        let fresh = ProxyEvaluation.overlap(of: ProxyEvaluation.excludingTraining(try env.trials(50, seed: 9), of: model), with: model)
        #expect(fresh.configurations == 0)
    }

    @Test func loading_rejectsOtherFilesAndVersions_namingTheFile() throws {
        let path = Self.temporaryFile("bad.json")
        defer { try? FileManager.default.removeItem(atPath: path) }
        try #"{"format": "something-else"}"#.write(toFile: path, atomically: true, encoding: .utf8)
        #expect { try ProxyModel.load(path) } throws: { "\($0)".contains(path) && "\($0)".contains("not a DSEGym proxy model") }
        try #"{"format": "dsegym-proxy-model", "version": 99}"#.write(toFile: path, atomically: true, encoding: .utf8)
        #expect { try ProxyModel.load(path) } throws: { "\($0)".contains("version 99") }
    }

    /// The proxy environment marks itself: id and fingerprint name the proxy.
    @Test func proxyEnvironment_isMarked_andAnswersLikeTheModel() throws {
        let env = Self.environment
        let model = try env.fit(.rf, trials: try env.trials(200, seed: 10))
        let path = Self.temporaryFile("env.json")
        defer { try? FileManager.default.removeItem(atPath: path) }
        try model.save(to: path)
        let proxy = try ProxyEnvironment.kind.make(SpecObject(["model": .string(path)]))
        #expect(proxy.id == "proxy-v1:toy-cost-v1" && ProxyEnvironment.isProxy(environmentID: proxy.id))
        #expect(proxy.fingerprint.hasPrefix("proxy-v1;model=") && proxy.fingerprint.hasSuffix(";of=toy-cost-v1"))
        #expect(proxy.designSpace.names == env.designSpace.names)
        let probe = try env.trials(20, seed: 11).configurations
        #expect(try probe.map(proxy.evaluate) == model.predict(probe, space: env.designSpace))
        #expect { try ProxyEnvironment.kind.make(SpecObject(["modle": .string(path)])) } throws: { "\($0)".contains("modle") }
    }
}
