import Foundation
import GymCampaign
import GymCore
import GymProxy
import GymStore
import GymTesting
import Testing

/// Every environment kind in the catalogue passes the environment contract on
/// every shipped spec (and the proxy kind on a model fitted here).
@Suite struct EnvironmentConformanceTests {
    @Test func everyCatalogueKindHasAShippedSpecOrIsTheProxy() throws {
        let kinds = try Set(Fixtures.shippedSpecs.map { try EnvironmentLoader(path: $0).spec.kind })
        let missing = Catalog.standard.environmentNames.filter { !kinds.contains($0) && $0 != ProxyEnvironment.kind.name }
        #expect(missing.isEmpty, "environment kinds without a shipped spec: \(missing)")
    }

    @Test(arguments: Fixtures.shippedSpecs.map { URL(fileURLWithPath: $0).lastPathComponent })
    func shippedSpecConforms(_ file: String) throws {
        let suite = try EnvironmentConformance(specPath: Fixtures.environments + "/" + file)
        let problems = try suite.problems()
        #expect(problems.isEmpty, "\(file): \(problems.joined(separator: "; "))")
    }

    @Test func proxyOfAShippedEnvironmentConforms() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("dsegym-conformance-\(UUID())").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let spec = Fixtures.environments + "/synthetic-branin.yaml"
        let database = folder + "/trials.sqlite"
        let result = try CampaignSession.run(.init(
            environmentPath: spec, agent: try AgentReference("random"), trials: 60, seed: 4, jobs: 1,
            database: database, name: "proxy-data", wallSeconds: nil, stopAtTarget: false, stopAfter: nil,
            showProgress: false))
        let loader = try EnvironmentLoader(path: spec)
        let trials = try TrialSet.load(store: try TrialStore.openExisting(database), names: [result.campaign.name],
                                       fingerprint: loader.environment.fingerprint, space: loader.environment.designSpace)
        var settings = ProxyFitSettings()
        settings.folds = 0
        let model = try ProxyFitter.fit(trials: trials, environment: loader.environment,
                                        environmentSpec: loader.spec.source.value, specFile: spec, database: database,
                                        kind: .rf, metricKeys: [], settings: settings, seed: 1)
        try model.save(to: folder + "/branin.json")
        let suite = try EnvironmentConformance(specPath: "proxy:" + folder + "/branin.json")
        let problems = try suite.problems()
        #expect(problems.isEmpty, "proxy: \(problems.joined(separator: "; "))")
    }
}

/// The suite catches what it claims to: an environment that breaks each rule.
@Suite struct EnvironmentConformanceCatchesBreakage {
    /// Draws a fresh value per evaluation, reports an undeclared metric, ignores
    /// its `scale` setting in the fingerprint, and is infeasible without a reason
    /// when `x` is large.
    struct BrokenEnvironment: Environment {
        let scale: Double
        let counter = Counter()
        var id: String { "broken-v1" }
        var fingerprint: String { id }
        let designSpace = DesignSpace([.integer("x", 0...9)])
        let metricSpecs = [MetricSpec("cost", "1", .minimize)]
        func evaluate(_ c: Configuration) throws -> Metrics {
            if c.int("x") > 5 { return Metrics([], feasible: false, reason: nil) }
            return Metrics([Metric("cost", "s", scale * Double(c.int("x")) + counter.next())])
        }
    }

    final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var n = 0.0
        func next() -> Double { lock.lock(); defer { lock.unlock() }; n += 1; return n }
    }

    @Test func everyCheckReportsItsRule() throws {
        var catalog = Catalog.standard
        try catalog.register(EnvironmentKind(name: "broken", summary: "breaks every rule") { spec in
            BrokenEnvironment(scale: try spec.double("scale") ?? 1)
        })
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("dsegym-broken-\(UUID())").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let spec = folder + "/broken.yaml"
        try "environment: broken\nsettings: {scale: 2}\n".write(toFile: spec, atomically: true, encoding: .utf8)
        try Catalog.$current.withValue(catalog) {
            let suite = try EnvironmentConformance(specPath: spec, samples: 12)
            #expect(!(try suite.deterministicEvaluation()).isEmpty)
            #expect(!(try suite.jobCountDoesNotMatter()).isEmpty)
            #expect(!(try suite.metricsMatchTheirDeclaration()).isEmpty)
            #expect(!(try suite.settingsChangeTheFingerprint()).isEmpty)
            #expect(!(try suite.infeasiblePointsGiveAReason()).isEmpty)
            #expect((try suite.outOfDomainValuesNameTheirKey()).isEmpty)
        }
    }
}
