import GymCore

/// The `soc` environment: FARSI-class SoC design for AR/VR task graphs
/// (docs/references.md §9). A design allocates processors (A53s, accelerator
/// IPs), memories and buses, wires them and maps tasks onto them; the phase
/// simulator gives latency, power, area and energy, plus FARSI's distance to
/// the workload's budgets. Invalid designs are infeasible with the rule named.
///
///     environment: soc
///     settings: {workload: audio_decoder, space: limited}
///     objective: {kind: minimize, metric: farsi_distance}
public struct SoCEnvironment: DetailedEnvironment {
    public static let version = 1
    static let settingKeys = ["workload", "space", "latency_budget_s", "power_budget_W", "area_budget_m2"]

    public static let kind = EnvironmentKind(
        name: "soc",
        summary: "FARSI-class SoC (A53/IP processors, SRAM/DRAM memories, buses) running an AR/VR task graph; latency s, power W, area m2, energy J, farsi_distance",
        settings: [
            ("workload", "task graph: shipped name (audio_decoder, edge_detection, hpvm_cava) or .soc path (default audio_decoder)"),
            ("space", "limited (ArchGym's 18 + 2T integer knobs, default) or rich (4 slots, IP unrolling and clock, memory and bus widths)"),
            ("latency_budget_s", "latency budget for farsi_distance (default: the workload file's)"),
            ("power_budget_W", "power budget for farsi_distance (default: the workload file's)"),
            ("area_budget_m2", "area budget for farsi_distance (default: the workload file's)"),
        ]
    ) { spec in try SoCEnvironment(settings: spec) }

    public let graph: TaskGraph
    public let space: SoCSpace
    public let designSpace: DesignSpace
    public let simulator: PhaseSimulator
    /// Names of a configuration of this space in canonical (sorted) order, and
    /// where each parameter's value sits in it: a fast path past name lookups.
    private let canonicalNames: [String]
    private let canonicalPosition: [Int]
    public var id: String { "soc-v\(SoCEnvironment.version)" }
    public var metricSpecs: [MetricSpec] { SoCResult.metricSpecs }
    public var fingerprint: String { "\(id);\(graph.fingerprint);space=\(space.rawValue)" }

    public init(graph: TaskGraph, space: SoCSpace = .limited) {
        self.graph = graph
        self.space = space
        designSpace = space.designSpace(for: graph)
        simulator = PhaseSimulator(graph: graph)
        let names = designSpace.names
        canonicalNames = names.sorted()
        let position = Dictionary(uniqueKeysWithValues: canonicalNames.enumerated().map { ($1, $0) })
        canonicalPosition = names.map { position[$0]! }
    }

    public init(settings spec: SpecObject) throws {
        try spec.requireOnly(SoCEnvironment.settingKeys)
        var graph: TaskGraph
        do {
            graph = try TaskGraph.load(try spec.string("workload") ?? "audio_decoder", relativeTo: spec.baseDirectory)
        } catch let e as SpecError {
            throw SpecError(file: e.file ?? spec.file, key: e.key == "workload" ? spec.fullKey("workload") : e.key, e.message)
        }
        let spaceName = try spec.string("space") ?? SoCSpace.limited.rawValue
        guard let space = SoCSpace(rawValue: spaceName) else {
            throw spec.error("space", "'\(spaceName)' is not allowed; allowed: \(SoCSpace.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let positive = 1e-30...1e30
        graph.budgets.latency = try spec.double("latency_budget_s", default: graph.budgets.latency, in: positive)
        graph.budgets.power = try spec.double("power_budget_W", default: graph.budgets.power, in: positive)
        graph.budgets.area = try spec.double("area_budget_m2", default: graph.budgets.area, in: positive)
        self.init(graph: graph, space: space)
    }

    /// The design of a configuration, or the validity rule it breaks.
    public func design(_ configuration: Configuration) throws -> Result<SoCDesign, SoCViolation> {
        let d = space.design(values: try checkedValues(configuration), graph: graph)
        if let v = d.violation(on: graph) { return .failure(v) }
        return .success(d)
    }

    /// The configuration's values in design-space order, after checking every
    /// value lies in its domain (errors name the parameter, as `validate` does).
    func checkedValues(_ configuration: Configuration) throws -> [ParameterValue] {
        guard configuration.names == canonicalNames else {
            try designSpace.validate(configuration)
            return designSpace.parameters.map { configuration[$0.name]! }
        }
        var values: [ParameterValue] = []
        values.reserveCapacity(canonicalPosition.count)
        for (p, position) in zip(designSpace.parameters, canonicalPosition) {
            let v = configuration.values[position]
            guard p.domain.contains(v) else {
                try designSpace.validate(configuration)
                throw SpecError(key: p.name, "value '\(v.text)' not allowed; allowed: \(p.domain.allowedDescription)")
            }
            values.append(v)
        }
        return values
    }

    public func simulate(_ configuration: Configuration) throws -> Result<SoCResult, SoCViolation> {
        try design(configuration).map { simulator.run($0) }
    }

    public func evaluate(_ configuration: Configuration) throws -> Metrics {
        switch try simulate(configuration) {
        case .success(let r): return r.metrics(graph.budgets)
        case .failure(let v): return .infeasible(v.description)
        }
    }

    /// Metrics plus one part per task: its completion time.
    public func evaluateInDetail(_ configuration: Configuration) throws -> (Metrics, [NamedMetrics]) {
        switch try simulate(configuration) {
        case .success(let r):
            let parts = graph.tasks.enumerated().map { t, task in
                NamedMetrics(name: task.name, metrics: [Metric("finish", "s", r.finishTimes[t])])
            }
            return (r.metrics(graph.budgets), parts)
        case .failure(let v): return (.infeasible(v.description), [])
        }
    }
}
