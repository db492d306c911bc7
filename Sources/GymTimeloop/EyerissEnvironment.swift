import GymCore
import GymWorkloads

/// `accelerator-eyeriss`: a Timeloop-class loop-nest model of an Eyeriss-like
/// accelerator over ArchGym's 26-knob space (docs/references.md §1, §3), evaluated on
/// every layer of a network with a built-in mapper per layer.
///
/// Metrics, summed over layers: `energy_uJ`, `cycles`; `area_mm2` of the
/// chip; `utilization` (MAC-weighted mean of used PEs / PEs) and
/// `dram_accesses_words`. A design on which some layer has no legal mapping
/// is infeasible, naming the layer and the level that cannot fit. (In the
/// 26-knob space every level holds at least one word per tensor, so the
/// all-in-DRAM mapping is always legal and no design point is infeasible.)
///
/// The model against ArchGym's Timeloop baseline (AlexNet, 5 convolutions,
/// default knobs, mapper budget 1000, EDP): cycles 7,885,704 (ArchGym
/// 7,885,704: the mapper reaches the same PE use per layer; a test checks
/// it), energy 5,289 µJ (4,920 before issue #15's Timeloop counting; ArchGym
/// 29,206: 4.9 pJ/MAC here vs 27 there), area 3.12 mm² (ArchGym 2.03; our
/// area table is an assumption, see `ComponentTable`). No model constant was
/// tuned to these figures (the mapper's breadth of spatial starts was raised
/// in issue #15, see `Mapper`).
public struct EyerissEnvironment: DetailedEnvironment {
    public static let settingKeys: [(key: String, help: String)] = [
        ("workload", "network: a shipped name (alexnet, resnet50, mobilenetv2, vgg16) or a CSV path (default alexnet)"),
        ("conv_only", "skip GEMM/FC layers, as Timeloop's AlexNet example does (default false)"),
        ("mapper_budget", "model evaluations the mapper spends per layer (default 1000)"),
        ("mapper_objective", "what the mapper minimises per layer: edp, energy, delay, last-level-accesses (DRAM words; never more with a bigger global buffer) (default edp)"),
        ("mapper_seed", "seed of the mapper's random search (default 1)"),
        ("dram_bandwidth", "DRAM words per cycle, read and write each (default 4: a 64-bit bus of 16-bit words)"),
        ("mac_energy_pJ", "energy of one MAC, pJ (default 0.2077)"),
        ("dram_energy_pJ", "energy of one 64-bit DRAM access, pJ (default 512)"),
        ("energy_overrides", "per level {read_pJ, write_pJ} per access replacing the estimate, e.g. {shared_glb: {read_pJ: 18.18}}"),
    ]

    public static let kind = EnvironmentKind(
        name: "accelerator-eyeriss",
        summary: "Timeloop-class loop-nest model of an Eyeriss-like accelerator (26 knobs, built-in mapper); energy_uJ, area_mm2, cycles over a network",
        settings: settingKeys
    ) { spec in try EyerissEnvironment(settings: spec) }

    public let workload: Workload
    public let mapper: Mapper
    public let table: ComponentTable
    public let dramBandwidth: Double
    public let energyOverrides: [String: (read: Double?, write: Double?)]
    public let designSpace = EyerissSpace.designSpace
    public let metricSpecs = [
        MetricSpec("energy", "uJ", .minimize, summary: "energy over all layers (accesses, MACs, leakage)"),
        MetricSpec("area", "mm2", .minimize, summary: "chip area without DRAM"),
        MetricSpec("cycles", "1", .minimize, summary: "cycles over all layers, each max(compute, bandwidth bounds)"),
        MetricSpec("utilization", "1", .maximize, summary: "MAC-weighted mean fraction of PEs in use"),
        MetricSpec("dram_accesses", "words", .minimize, summary: "words read from and written to DRAM"),
    ]
    /// v2 (issue #15): Timeloop's counting rules change the figures of every
    /// design, so stored v1 trials are not served from the cache.
    public var id: String { "accelerator-eyeriss-v2" }

    public init(workload: Workload, mapper: Mapper = Mapper(), table: ComponentTable = .eyeriss65nm,
                dramBandwidth: Double = 4, energyOverrides: [String: (read: Double?, write: Double?)] = [:]) {
        self.workload = workload
        self.mapper = mapper
        self.table = table
        self.dramBandwidth = dramBandwidth
        self.energyOverrides = energyOverrides
    }

    public var fingerprint: String {
        let overrides = energyOverrides.keys.sorted().map { k in
            "\(k)=\(energyOverrides[k]!.read.map { "\($0)" } ?? "-")/\(energyOverrides[k]!.write.map { "\($0)" } ?? "-")"
        }.joined(separator: ",")
        return "\(id);\(workload.fingerprint);mapper=\(mapper.goal.rawValue)/\(mapper.budget)/\(mapper.seed);"
            + "dram_bw=\(dramBandwidth);mac=\(table.macPJ);dram=\(table.dramPJPerAccess);overrides=\(overrides)"
    }

    /// The architecture a configuration describes.
    public func architecture(_ configuration: Configuration) -> Architecture? {
        EyerissSpace.architecture(configuration, table: table, dramBandwidth: dramBandwidth, overrides: energyOverrides)
    }

    public func evaluate(_ configuration: Configuration) throws -> Metrics {
        try evaluateInDetail(configuration).0
    }

    /// `evaluate`, polling `cancellation` before each layer's mapper search
    /// (the whole network can take seconds; one layer well under one).
    public func evaluate(_ configuration: Configuration, cancellation: Cancellation) throws -> Metrics {
        try evaluateInDetail(configuration, cancellation: cancellation).0
    }

    public func evaluateInDetail(_ configuration: Configuration) throws -> (Metrics, [NamedMetrics]) {
        try evaluateInDetail(configuration, cancellation: nil)
    }

    func evaluateInDetail(_ configuration: Configuration, cancellation: Cancellation?) throws -> (Metrics, [NamedMetrics]) {
        try designSpace.validate(configuration)
        guard let arch = architecture(configuration) else {
            return (.infeasible("num_pes \(configuration.int("num_pes")) is not a multiple of mesh_x \(configuration.int("mesh_x"))"), [])
        }
        var energyPJ = 0.0, cycles = 0.0, dram = 0.0, usedMACs = 0.0
        var layers: [NamedMetrics] = []
        var memo: [LoopProblem: Mapper.Choice] = [:]
        for layer in workload.layers {
            try cancellation?.check()
            var problem = LoopProblem(layer)
            problem.name = layer.name
            var key = problem
            key.name = ""
            let choice: Mapper.Choice
            if let known = memo[key] {
                choice = known
            } else {
                switch mapper.map(problem, on: arch) {
                case .mapped(let c): choice = c
                case .infeasible(let reason): return (.infeasible("layer \(layer.name): \(reason)"), layers)
                }
                memo[key] = choice
            }
            let r = choice.result
            energyPJ += r.energyPJ
            cycles += r.cycles
            dram += r.topAccesses
            usedMACs += r.utilization * Double(r.macs)
            layers.append(EyerissEnvironment.layerReport(layer.name, choice, arch))
        }
        let metrics = Metrics([
            Metric("energy", "uJ", energyPJ / 1e6),
            Metric("area", "mm2", arch.areaMM2),
            Metric("cycles", "1", cycles),
            Metric("utilization", "1", usedMACs / Double(max(1, workload.macs))),
            Metric("dram_accesses", "words", dram),
        ])
        return (metrics, layers)
    }

    /// One layer for `--per-layer`: totals, fJ/MAC per component (as
    /// Timeloop's summary prints them), and the mapping as text.
    static func layerReport(_ name: String, _ choice: Mapper.Choice, _ arch: Architecture) -> NamedMetrics {
        let r = choice.result
        var metrics = [
            Metric("energy", "uJ", r.energyPJ / 1e6),
            Metric("cycles", "1", r.cycles),
            Metric("macs", "1", Double(r.macs)),
            Metric("utilization", "1", r.utilization),
            Metric("MAC", "fJ_per_MAC", r.macPJ * 1000 / Double(r.macs)),
        ]
        for l in arch.levels.indices {
            metrics.append(Metric(arch.levels[l].name, "fJ_per_MAC", r.femtojoulesPerMAC(level: l)))
        }
        metrics.append(Metric("total", "fJ_per_MAC", r.energyPJ * 1000 / Double(r.macs)))
        // Nonzero word counts per level and tensor: r reads, f fills, u updates.
        let traffic = arch.levels.indices.reversed().compactMap { l -> String? in
            let parts = DataTensor.allCases.compactMap { t -> String? in
                let c = r.counts[l][t.rawValue]
                let items = [("r", c.reads), ("f", c.fills), ("u", c.updates)].filter { $0.1 > 0 }
                return items.isEmpty ? nil : t.letter + " " + items.map { "\($0.0)\(Int($0.1))" }.joined(separator: " ")
            }
            return parts.isEmpty ? nil : arch.levels[l].name + ": " + parts.joined(separator: ", ")
        }.joined(separator: " | ")
        return NamedMetrics(name: name, metrics: metrics, notes: [
            ("mapping", choice.mapping.describe(arch.levels.map(\.name))),
            ("accesses", traffic),
            ("mapper", "\(choice.evaluated) legal mappings evaluated"),
        ])
    }
}
