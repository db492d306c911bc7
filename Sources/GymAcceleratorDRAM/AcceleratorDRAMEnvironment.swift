import GymAccelerator
import GymCore
import GymDRAM
import GymWorkloads

/// `accelerator-dram`: the MAESTRO-class accelerator and the cycle-level DRAM
/// controller in one design space (docs/references.md §11). The accelerator
/// knobs of `accelerator` (without `offchip_bw`) and the DRAM controller
/// knobs of `dram` (ArchGym's names) are searched together; every layer's
/// off-chip accesses become a request stream (`MaestroModel.offchipStream`)
/// that the DRAM simulation serves, and the layer's latency combines compute
/// and memory time (`CoupledLayer`).
///
///     environment: accelerator-dram
///     settings: {workload: gpt2_decode, memspec: ddr4-2400-x8-4gb}
public struct AcceleratorDRAMEnvironment: DetailedEnvironment {
    public static let version = 1

    public static let kind = EnvironmentKind(
        name: "accelerator-dram",
        summary: "DNN accelerator (MAESTRO-class) and DRAM controller (DRAMSys knobs) searched together: each layer's off-chip stream runs on the cycle-level DRAM simulation",
        settings: AcceleratorEnvironment.couplingSettingsHelp + CoupledMemory.help
    ) { spec in try AcceleratorDRAMEnvironment(settings: spec) }

    let accelerator: AcceleratorEnvironment
    let memory: CoupledMemory
    public let designSpace: DesignSpace
    public var id: String { "accelerator-dram-v\(Self.version)" }
    public var fingerprint: String { id + ";" + accelerator.fingerprint + ";" + memory.fingerprint }
    public var metricSpecs: [MetricSpec] { Self.metricSpecs }

    public init(settings spec: SpecObject) throws {
        accelerator = try AcceleratorEnvironment.forCoupling(spec, defaultWorkload: "gpt2_decode", extraKeys: CoupledMemory.settingKeys)
        memory = try CoupledMemory(spec)
        designSpace = DesignSpace(accelerator.designSpace.parameters + memory.knobs.designSpace.parameters)
        let capacity = memory.capacityBytes
        for layer in accelerator.workload.layers {
            let layout = TensorLayout(layer: layer, elementBytes: accelerator.hardware(for: designSpace.defaultConfiguration).elementBytes)
            guard layout.endAddress <= UInt64(capacity) else {
                throw spec.error("memspec", "layer \(layer.name) needs \(layout.endAddress >> 20) MiB of DRAM for its tensors (each in its own 2 MiB-aligned region) but \(memory.spec.name) holds \(capacity >> 20) MiB; choose a larger memspec")
            }
        }
    }

    public func evaluate(_ configuration: Configuration) throws -> Metrics {
        try evaluate(configuration, cancellation: nil).metrics
    }

    public func evaluate(_ configuration: Configuration, cancellation: Cancellation) throws -> Metrics {
        try evaluate(configuration, cancellation: Optional(cancellation)).metrics
    }

    public func evaluateInDetail(_ configuration: Configuration) throws -> (Metrics, [NamedMetrics]) {
        let (metrics, layers) = try evaluate(configuration, cancellation: nil)
        let eb = accelerator.hardware(for: configuration).elementBytes
        return (metrics, layers.map {
            NamedMetrics(name: $0.layer.name, metrics: $0.metrics(burstBytes: memory.burstBytes, elementBytes: eb),
                         notes: [("windowed", $0.memory.isWindowed ? "yes" : "no")])
        })
    }

    /// The metrics and, when feasible, every layer's coupled result.
    func evaluate(_ configuration: Configuration, cancellation: Cancellation?) throws -> (metrics: Metrics, layers: [CoupledLayer]) {
        try designSpace.validate(configuration)
        let network: NetworkCost
        let flow: Dataflow
        do {
            flow = try accelerator.dataflow(for: configuration)
            network = try accelerator.networkCost(configuration)
        } catch let rejection as MappingRejection {
            return (.infeasible("dataflow \(configuration.string("dataflow")): \(rejection.reason)"), [])
        }
        if accelerator.enforcesBufferCapacity, let reason = network.bufferOverflow { return (.infeasible(reason), []) }
        let hw = network.hardware
        let controller = memory.knobs.controllerConfiguration(configuration)
        let idle = memory.idlePowerMW(controller)
        // Layers of the same shape give the same stream (their tensors lie at
        // the same offsets of their own regions), so each shape is simulated once.
        var simulated: [Layer: LayerMemory] = [:]
        var layers: [CoupledLayer] = []
        for (layer, cost) in network.layers {
            var shape = layer
            shape.name = ""
            let result: LayerMemory
            if let known = simulated[shape] {
                result = known
            } else {
                let stream = try accelerator.costModel.offchipStream(
                    layer: layer, dataflow: flow, hardware: hw, layout: TensorLayout(layer: layer, elementBytes: hw.elementBytes),
                    burstBytes: memory.burstBytes, requestLimit: memory.window(controller)?.streamLimit ?? .max,
                    minimumSteps: CoupledMemory.minimumWindowSteps)
                guard let simulatedLayer = try memory.simulate(stream, totalPayloadBytes: cost.offchipElements * hw.elementBytes,
                                                               clockMHz: hw.clockMHz, config: controller, cancellation: cancellation) else {
                    return (.infeasible("the DRAM controller stalled on layer \(layer.name) (please report this configuration)"), [])
                }
                result = simulatedLayer
                simulated[shape] = result
            }
            layers.append(CoupledLayer(layer: layer, cost: cost, memory: result, computeNs: network.nanoseconds(cost.runtimeCycles),
                                       idlePowerMW: idle))
        }
        return (Metrics(metrics(of: layers, network: network)), layers)
    }
}
