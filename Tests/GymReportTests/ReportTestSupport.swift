import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
@testable import GymCore
import GymStore
@testable import GymReport

/// A pure two-metric environment (latency and energy, both minimised) with a
/// categorical, an integer and a real parameter.
struct TwoMetricEnvironment: Environment {
    let designSpace = DesignSpace([
        .choice("policy", ["open", "closed"]), .integer("depth", 1...8), .real("clock", 0.5...2),
    ])
    let metricSpecs = [MetricSpec("latency", "ns", .minimize), MetricSpec("energy", "pJ", .minimize)]
    var id: String { "two-metric-v1" }
    var fingerprint: String { id }

    func evaluate(_ c: Configuration) throws -> Metrics {
        if c.int("depth") == 8 { return .infeasible("depth 8 does not fit") }
        let latency = Double(c.int("depth")) * 10 / c.double("clock") + (c.string("policy") == "open" ? 5 : 0)
        let energy = c.double("clock") * c.double("clock") * 20 + Double(c.int("depth"))
        return Metrics([Metric("latency", "ns", latency), Metric("energy", "pJ", energy)])
    }
}

enum Objectives {
    static let latency = Objective(kind: .minimize, terms: [.init(metric: "latency_ns", direction: .minimize, value: 1)])
    static let target = Objective(kind: .targetSpec, terms: [.init(metric: "latency_ns", direction: .minimize, value: 12)])
    static let pareto = Objective(kind: .pareto, terms: [.init(metric: "latency_ns", direction: .minimize, value: 1),
                                                         .init(metric: "energy_pJ", direction: .minimize, value: 1)])
}

/// Builds test databases through the store's own writer.
struct TestDatabase {
    let store: TrialStore
    let env = TwoMetricEnvironment()

    init(_ label: String) throws {
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("dsegym-report-\(label)-\(UUID().uuidString).sqlite").path
        store = try TrialStore(path: path)
    }

    /// A campaign of `trials` uniform random trials drawn with `seed`.
    @discardableResult
    func campaign(_ name: String, agent: String = "random", seed: UInt64 = 1, trials: Int,
                  objective: Objective = Objectives.latency, hyperparameters: SpecValue = .object([:])) throws -> CampaignRecord {
        let record = try store.createCampaign(CampaignRecord(
            name: name, environment: env, environmentSpec: .object(["environment": .string("two-metric")]),
            environmentSpecFile: nil, objective: objective, agent: agent, hyperparameters: hyperparameters,
            seed: seed, budget: Budget(trials: trials), jobs: 1))
        var rng = SplitMix64(seed: seed)
        let logged = try (0..<trials).map { i in
            let c = env.designSpace.sample(using: &rng)
            let m = try env.evaluate(c)
            let (r, reason) = objective.score(m)
            return Trial(index: i, batch: i / 4, configuration: c, metrics: m, reward: r, reason: reason,
                         cacheHit: false, evalSeconds: 0.001)
        }
        if !logged.isEmpty { try store.writer(for: record).append(logged) }
        try store.finish(record.id, status: .finished, stopReason: "budget")
        return record
    }

    func report(names: [String] = [], options: ReportOptions = ReportOptions()) throws -> Report {
        try Report.build(store: store, databasePath: store.path, names: names, options: options)
    }
}

/// Parses a document as XML and records element names and the figure ids
/// whose subtree contains an `<svg>` element.
final class XMLProbe: NSObject, XMLParserDelegate {
    var elements: [String: Int] = [:]
    var figuresWithSVG: [String] = []
    var figureKinds: [String] = []
    var error: Error?
    private var currentFigure: String?

    static func parse(_ text: String) -> XMLProbe {
        let probe = XMLProbe()
        let parser = XMLParser(data: Data(text.utf8))
        parser.delegate = probe
        if !parser.parse() { probe.error = parser.parserError ?? NSError(domain: "xml", code: 1) }
        return probe
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        elements[name, default: 0] += 1
        if name == "figure" {
            currentFigure = attributes["id"]
            figureKinds.append(attributes["data-kind"] ?? "?")
        }
        if name == "svg", let f = currentFigure, figuresWithSVG.last != f { figuresWithSVG.append(f) }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        if name == "figure" { currentFigure = nil }
    }
}
