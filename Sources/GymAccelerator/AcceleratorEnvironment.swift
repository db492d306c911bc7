import GymCore

/// `accelerator`: hardware design-space exploration of a DNN accelerator for a
/// whole network on the MAESTRO-class model: dataflow × PEs × SIMD lanes × L1
/// × L2 × NoC bandwidth × off-chip bandwidth.
///
///     environment: accelerator
///     settings: {workload: resnet50}
///     objective: {kind: target-spec, targets: {latency_ns: 2.0e6, energy_uJ: 60000}}
public struct AcceleratorEnvironment: DetailedEnvironment {
    public static let kind = EnvironmentKind(
        name: "accelerator",
        summary: "DNN accelerator hardware DSE on a MAESTRO-class data-centric model (dataflow, PEs, SIMD lanes, L1, L2, NoC and off-chip bandwidth) over a whole network",
        settings: AcceleratorSettings.commonHelp
    ) { spec in try AcceleratorEnvironment(settings: AcceleratorSettings(spec, defaultWorkload: "resnet50", extraKeys: [], fixedHardware: false)) }

    let settings: AcceleratorSettings
    let model: MaestroModel
    public let designSpace: DesignSpace
    public var metricSpecs: [MetricSpec] { NetworkCost.metricSpecs }
    public var id: String { "accelerator-v1" }
    public var fingerprint: String { id + ";" + settings.fingerprint }

    init(settings: AcceleratorSettings) {
        self.settings = settings
        self.model = MaestroModel(costs: settings.costs, subClusterReuse: settings.subClusterReuse)
        let dataflows = Dataflow.builtInNames + settings.customDataflows.map(\.name)
        designSpace = DesignSpace([
            .choice("dataflow", dataflows, default: "kcp_ws", summary: "dataflow template (directive list)"),
            .ordinal("pes", Parameter.powersOfTwo(16, 4096), default: 256, summary: "processing elements"),
            .ordinal("simd_lanes", [1, 2, 4, 8, 9, 16], default: 1, summary: "MACs per PE per cycle"),
            .ordinal("l1_bytes", Parameter.powersOfTwo(64, 8192), default: 512, summary: "scratchpad per PE, bytes"),
            .ordinal("l2_bytes", Parameter.powersOfTwo(8192, 4 << 20), default: 131_072, summary: "shared global buffer, bytes"),
            .ordinal("noc_bw", Parameter.powersOfTwo(8, 2048), default: 64, summary: "NoC bandwidth, elements/cycle"),
        ] + (settings.offchipUnlimited ? [] : [
            .ordinal("offchip_bw", Parameter.powersOfTwo(4, 512), default: 32, summary: "DRAM bandwidth, elements/cycle"),
        ]))
    }

    func hardware(_ c: Configuration) -> AcceleratorHardware {
        var hw = settings.hardware
        hw.pes = c.int("pes")
        hw.simdLanes = c.int("simd_lanes")
        hw.l1Bytes = c.int("l1_bytes")
        hw.l2Bytes = c.int("l2_bytes")
        hw.nocBandwidth = c.int("noc_bw")
        hw.offchipBandwidth = settings.offchipUnlimited ? nil : c.int("offchip_bw")
        return hw
    }

    /// A dataflow of the design space by name.
    /// - Throws: `SpecError` for a name the space does not offer.
    func dataflow(named name: String) throws -> Dataflow {
        if let flow = settings.customDataflows.first(where: { $0.name == name }) ?? Dataflow.builtIns.first(where: { $0.name == name }) {
            return flow
        }
        let known = Dataflow.builtInNames + settings.customDataflows.map(\.name)
        throw SpecError(key: "dataflow", "unknown dataflow '\(name)'; allowed: \(known.joined(separator: ", "))")
    }

    func network(_ c: Configuration) throws -> NetworkCost {
        let flow = try dataflow(named: c.string("dataflow"))
        return try model.evaluate(workload: settings.workload, hardware: hardware(c)) { _ in flow }
    }

    public func evaluate(_ configuration: Configuration) throws -> Metrics {
        do { return try network(configuration).evaluation(enforceBufferCapacity: settings.enforceBufferCapacity) }
        catch let rejection as MappingRejection { return .infeasible("dataflow \(configuration.string("dataflow")): \(rejection.reason)") }
    }

    public func evaluateInDetail(_ configuration: Configuration) throws -> (Metrics, [NamedMetrics]) {
        let net: NetworkCost
        do { net = try network(configuration) }
        catch let rejection as MappingRejection { return (.infeasible("dataflow \(configuration.string("dataflow")): \(rejection.reason)"), []) }
        let flow = try dataflow(named: configuration.string("dataflow"))
        let parts = net.layers.map { layer, cost in
            NamedMetrics(name: layer.name, metrics: net.layerMetrics(cost),
                         notes: [("dataflow", flow.name), ("directives", flow.directives(for: layer).map(\.description).joined(separator: "; "))])
        }
        return (net.evaluation(enforceBufferCapacity: settings.enforceBufferCapacity), parts)
    }
}
