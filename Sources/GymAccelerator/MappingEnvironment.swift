import GymCore
import GymWorkloads

/// `accelerator-mapping`: ArchGym's 17-knob MAESTRO mapping search (docs/references.md
/// §1) on fixed hardware, for one layer (`layer:`) or a whole network. Every
/// configuration decodes deterministically into a directive list
/// (`MappingGenome`), which the per-layer notes show.
public struct MappingEnvironment: DetailedEnvironment {
    public static let kind = EnvironmentKind(
        name: "accelerator-mapping",
        summary: "MAESTRO mapping search (ArchGym's 17 knobs: loop order, parallel dimension and K/C/Y/X/R/S tiles per level, PEs) for one layer or a whole network on fixed hardware",
        settings: AcceleratorSettings.commonHelp + [
            ("layer", "name of one workload layer to map (default: every layer, one mapping for all)"),
            ("simd_lanes, l1_bytes, l2_bytes, noc_bw, offchip_bw", "fixed hardware (defaults 1, 4096, 1048576, 64, 64; offchip_bw may be unlimited)"),
        ]
    ) { spec in
        try MappingEnvironment(settings: AcceleratorSettings(spec, defaultWorkload: "resnet18", extraKeys: ["layer"], fixedHardware: true),
                               layer: try spec.string("layer"), spec: spec)
    }

    static let tileValues = Parameter.powersOfTwo(1, 512)
    static let spatialTileValues = Parameter.powersOfTwo(1, 64)

    let settings: AcceleratorSettings
    let model: MaestroModel
    let workload: Workload
    public let designSpace: DesignSpace
    public var metricSpecs: [MetricSpec] { NetworkCost.metricSpecs }
    public var id: String { "accelerator-mapping-v1" }
    public var fingerprint: String { id + ";" + settings.fingerprint + ";layers=" + workload.fingerprint }

    init(settings: AcceleratorSettings, layer: String?, spec: SpecObject) throws {
        self.settings = settings
        model = MaestroModel(costs: settings.costs, subClusterReuse: settings.subClusterReuse)
        if let layer {
            guard let chosen = settings.workload.layers.first(where: { $0.name == layer }) else {
                throw spec.error("layer", "no layer '\(layer)' in \(settings.workload.name); layers: \(settings.workload.layers.map(\.name).joined(separator: ", "))")
            }
            workload = Workload(name: settings.workload.name + ":" + layer, layers: [chosen])
        } else {
            workload = settings.workload
        }
        let parallel = ["K", "C", "Y", "X"]
        var parameters: [Parameter] = []
        for (level, defaultParallel) in [("l2", "K"), ("l1", "C")] {
            parameters += [
                .integer("\(level)_order", 0...719, default: 0, summary: "\(level) loop order: permutation index of K C Y X R S (outer first)"),
                .choice("\(level)_parallel", parallel, default: defaultParallel, summary: "\(level) dimension spread over units (its SpatialMap)"),
                .ordinal("\(level)_tile_k", Self.tileValues, default: level == "l2" ? 16 : 1, summary: "\(level) tile of K (output channels)"),
                .ordinal("\(level)_tile_c", Self.tileValues, default: level == "l2" ? 64 : 1, summary: "\(level) tile of C (input channels)"),
                .ordinal("\(level)_tile_y", Self.spatialTileValues, default: 1, summary: "\(level) tile of Y' (output rows)"),
                .ordinal("\(level)_tile_x", Self.spatialTileValues, default: level == "l2" ? 8 : 1, summary: "\(level) tile of X' (output columns)"),
                .choice("\(level)_tile_r", ["full", "1"], default: "full", summary: "\(level) filter rows per step (ArchGym: full)"),
                .choice("\(level)_tile_s", ["full", "1"], default: "full", summary: "\(level) filter columns per step (ArchGym: full)"),
            ]
        }
        parameters.append(.integer("pes", 1...1024, default: 256, summary: "processing elements"))
        designSpace = DesignSpace(parameters)
    }

    /// The mapping a configuration encodes.
    /// - Throws: `SpecError` for a parallel dimension outside K, C, Y, X.
    func genome(_ c: Configuration) throws -> MappingGenome {
        func genes(_ level: String) throws -> MappingGenome.LevelGenes {
            let letter = c.string("\(level)_parallel")
            guard let parallel = [LoopDimension.k, .c, .y, .x].first(where: { $0.letter == letter }) else {
                throw SpecError(key: "\(level)_parallel", "'\(letter)' is not a parallel dimension; allowed: K, C, Y, X")
            }
            return MappingGenome.LevelGenes(
                order: c.int("\(level)_order"), parallel: parallel,
                tileK: c.int("\(level)_tile_k"), tileC: c.int("\(level)_tile_c"),
                tileY: c.int("\(level)_tile_y"), tileX: c.int("\(level)_tile_x"),
                tileR: c.string("\(level)_tile_r") == "1" ? 1 : nil, tileS: c.string("\(level)_tile_s") == "1" ? 1 : nil)
        }
        return MappingGenome(l2: try genes("l2"), l1: try genes("l1"), pes: c.int("pes"))
    }

    private func network(_ c: Configuration) throws -> (NetworkCost, MappingGenome) {
        let g = try genome(c)
        var hw = settings.hardware
        hw.pes = g.pes
        let net = try model.evaluate(workload: workload, hardware: hw) { Dataflow(name: "mapping", directives: g.directives(for: $0)) }
        return (net, g)
    }

    public func evaluate(_ configuration: Configuration) throws -> Metrics {
        do { return try network(configuration).0.evaluation(enforceBufferCapacity: settings.enforceBufferCapacity) }
        catch let rejection as MappingRejection { return .infeasible("mapping: \(rejection.reason)") }
    }

    public func evaluateInDetail(_ configuration: Configuration) throws -> (Metrics, [NamedMetrics]) {
        let net: NetworkCost, g: MappingGenome
        do { (net, g) = try network(configuration) }
        catch let rejection as MappingRejection { return (.infeasible("mapping: \(rejection.reason)"), []) }
        let parts = net.layers.map { layer, cost in
            NamedMetrics(name: layer.name, metrics: net.layerMetrics(cost),
                         notes: [("mapping", g.directives(for: layer).map(\.description).joined(separator: "; "))])
        }
        return (net.evaluation(enforceBufferCapacity: settings.enforceBufferCapacity), parts)
    }
}
