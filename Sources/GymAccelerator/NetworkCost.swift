import GymCore
import GymWorkloads

/// A network's cost under one hardware point: per-layer costs and totals.
/// Layers run one after another, so latency and energy add up; buffer needs
/// are the largest any layer has.
public struct NetworkCost: Sendable {
    public var layers: [(layer: Layer, cost: LayerCost)]
    public var hardware: AcceleratorHardware
    public var costs: AcceleratorCosts

    public var macs: Int { layers.reduce(0) { $0 + $1.cost.macs } }
    public var runtimeCycles: Int { layers.reduce(0) { $0 + $1.cost.runtimeCycles } }
    public var energyPJ: Double { layers.reduce(0) { $0 + $1.cost.energyPJ } }
    public var energyMACUnits: Double { layers.reduce(0) { $0 + $1.cost.energyMACUnits } }
    public var offchipElements: Int { layers.reduce(0) { $0 + $1.cost.offchipElements } }
    public var l1RequirementElements: Int { layers.map(\.cost.l1RequirementElements).max() ?? 0 }
    public var l2RequirementElements: Int { layers.map(\.cost.l2RequirementElements).max() ?? 0 }
    public var nocBandwidthRequirement: Double { layers.map(\.cost.nocBandwidthRequirement).max() ?? 0 }
    public var computeCycles: Int { layers.reduce(0) { $0 + $1.cost.computeCycles } }
    public var memoryCycles: Int { layers.reduce(0) { $0 + $1.cost.memoryCycles } }
    public var memoryBoundCycles: Int { layers.reduce(0) { $0 + $1.cost.memoryBoundCycles } }
    public var vectorOps: Int { layers.reduce(0) { $0 + $1.layer.vectorOps } }
    /// Share of the latency spent in steps whose DRAM transfer sets the time:
    /// above 0.5 the design is memory-bound on this workload.
    public var memoryBoundShare: Double { Double(memoryBoundCycles) / Double(max(1, runtimeCycles)) }

    /// KV-cache traffic in elements (docs/references.md §10): reads are the
    /// off-chip traffic of the weight-slot operand (K or V) of `kv_cache: read`
    /// layers, as the dataflow streams it from DRAM (at least the cache once);
    /// writes are the final outputs of `kv_cache: write` layers (the new K and
    /// V), which the model already sends off chip with the layer's outputs.
    public var kvCacheReadElements: Int {
        layers.reduce(0) { $0 + ($1.layer.kvCache == .read ? $1.cost.l2Writes.weight : 0) }
    }
    public var kvCacheWriteElements: Int {
        layers.reduce(0) { $0 + ($1.layer.kvCache == .write ? $1.layer.outputElements : 0) }
    }

    /// Cycles → ns at the clock.
    public func nanoseconds(_ cycles: Int) -> Double { Double(cycles) * 1000 / hardware.clockMHz }

    /// The first layer whose buffer needs exceed the hardware's, as a reason a person can act on.
    public var bufferOverflow: String? {
        let eb = hardware.elementBytes
        for (layer, cost) in layers {
            if cost.l1RequirementElements * eb > hardware.l1Bytes {
                return "layer \(layer.name) needs \(cost.l1RequirementElements * eb) B of L1 per PE (\(cost.l1RequirementElements) elements × \(eb) B, double-buffered) but l1_bytes is \(hardware.l1Bytes); raise l1_bytes or map smaller chunks per PE"
            }
            if cost.l2RequirementElements * eb > hardware.l2Bytes {
                return "layer \(layer.name) needs \(cost.l2RequirementElements * eb) B of L2 (\(cost.l2RequirementElements) elements × \(eb) B, double-buffered) but l2_bytes is \(hardware.l2Bytes); raise l2_bytes or map smaller top-level chunks"
            }
        }
        return nil
    }

    var overflowingLayers: Int {
        let eb = hardware.elementBytes
        return layers.filter { $0.cost.l1RequirementElements * eb > hardware.l1Bytes || $0.cost.l2RequirementElements * eb > hardware.l2Bytes }.count
    }

    /// Metric specs of the network totals (shared by both accelerator environments).
    public static let metricSpecs: [MetricSpec] = [
        MetricSpec("latency", "cycles", .minimize, summary: "runtime of all layers in sequence"),
        MetricSpec("latency", "ns", .minimize, summary: "latency_cycles at clock_mhz"),
        MetricSpec("energy", "uJ", .minimize, summary: "activity-based energy (MAC, L1, L2 accesses) at mac_energy_pj"),
        MetricSpec("energy", "MACe", .minimize, summary: "energy in units of one MAC's energy (MAESTRO's relative costs)"),
        MetricSpec("area", "mm2", .minimize, summary: "MAC lanes, L1s, L2, bus and arbiter (28 nm)"),
        MetricSpec("power", "mW", .minimize, summary: "peak power, every unit active (28 nm)"),
        MetricSpec("edp", "uJ_ms", .minimize, summary: "energy-delay product, energy_uJ × latency in ms"),
        MetricSpec("throughput", "MACs_per_cycle", .maximize, summary: "MACs / latency_cycles"),
        MetricSpec("utilization", "1", .maximize, summary: "MACs / (latency_cycles × pes × simd_lanes)"),
        MetricSpec("macs", "1", .minimize, summary: "multiply-accumulates of the workload"),
        MetricSpec("l1_requirement", "B", .minimize, summary: "largest per-PE scratchpad need over layers"),
        MetricSpec("l2_requirement", "B", .minimize, summary: "largest shared-buffer need over layers"),
        MetricSpec("noc_bw_requirement", "elements_per_cycle", .minimize, summary: "NoC bandwidth that hides all ingress behind compute"),
        MetricSpec("offchip_traffic", "B", .minimize, summary: "bytes moved between DRAM and L2"),
        MetricSpec("buffer_overflow_layers", "1", .minimize, summary: "layers whose buffer needs exceed l1_bytes/l2_bytes (non-zero only with enforce_buffer_capacity: false)"),
        MetricSpec("compute", "cycles", .minimize, summary: "cycles the PE array computes: top-level MAC steps plus vector work"),
        MetricSpec("memory", "cycles", .minimize, summary: "cycles DRAM transfers take at offchip_bw (0 when unlimited)"),
        MetricSpec("memory_bound_share", "1", .minimize, summary: "share of latency_cycles in steps whose DRAM transfer sets the time (> 0.5: memory-bound)"),
        MetricSpec("vector_ops", "1", .minimize, summary: "element operations of softmax and normalisation (LLM workloads)"),
        MetricSpec("kv_cache_read", "B", .minimize, summary: "bytes of K/V operands the attention layers stream from DRAM"),
        MetricSpec("kv_cache_write", "B", .minimize, summary: "bytes of new K/V entries written to the cache"),
    ]

    /// The totals as metrics, in `metricSpecs` order.
    public var metrics: [Metric] {
        let cycles = runtimeCycles
        let ns = nanoseconds(cycles)
        let energyUJ = energyPJ / 1e6
        let eb = Double(hardware.elementBytes)
        let peak = Double(cycles) * Double(hardware.pes * hardware.simdLanes)
        return [
            Metric("latency", "cycles", Double(cycles)),
            Metric("latency", "ns", ns),
            Metric("energy", "uJ", energyUJ),
            Metric("energy", "MACe", energyMACUnits),
            Metric("area", "mm2", costs.areaUM2(hardware) / 1e6),
            Metric("power", "mW", costs.powerMW(hardware)),
            Metric("edp", "uJ_ms", energyUJ * ns / 1e6),
            Metric("throughput", "MACs_per_cycle", Double(macs) / Double(max(1, cycles))),
            Metric("utilization", "1", peak > 0 ? Double(macs) / peak : 0),
            Metric("macs", "1", Double(macs)),
            Metric("l1_requirement", "B", Double(l1RequirementElements) * eb),
            Metric("l2_requirement", "B", Double(l2RequirementElements) * eb),
            Metric("noc_bw_requirement", "elements_per_cycle", nocBandwidthRequirement),
            Metric("offchip_traffic", "B", Double(offchipElements) * eb),
            Metric("buffer_overflow_layers", "1", Double(overflowingLayers)),
            Metric("compute", "cycles", Double(computeCycles)),
            Metric("memory", "cycles", Double(memoryCycles)),
            Metric("memory_bound_share", "1", memoryBoundShare),
            Metric("vector_ops", "1", Double(vectorOps)),
            Metric("kv_cache_read", "B", Double(kvCacheReadElements) * eb),
            Metric("kv_cache_write", "B", Double(kvCacheWriteElements) * eb),
        ]
    }

    /// One layer's metrics, for `--per-layer`.
    public func layerMetrics(_ cost: LayerCost) -> [Metric] {
        let eb = Double(hardware.elementBytes)
        return [
            Metric("macs", "1", Double(cost.macs)),
            Metric("latency", "cycles", Double(cost.runtimeCycles)),
            Metric("latency", "ns", nanoseconds(cost.runtimeCycles)),
            Metric("energy", "uJ", cost.energyPJ / 1e6),
            Metric("throughput", "MACs_per_cycle", cost.macsPerCycle),
            Metric("utilization", "1", cost.utilization),
            Metric("l1_requirement", "B", Double(cost.l1RequirementElements) * eb),
            Metric("l2_requirement", "B", Double(cost.l2RequirementElements) * eb),
            Metric("noc_bw_requirement", "elements_per_cycle", cost.nocBandwidthRequirement),
            Metric("l1_reads", "elements", Double(cost.l1Reads.total)),
            Metric("l1_writes", "elements", Double(cost.l1Writes.total)),
            Metric("l2_reads_input", "elements", Double(cost.l2Reads.input)),
            Metric("l2_reads_weight", "elements", Double(cost.l2Reads.weight)),
            Metric("l2_reads_output", "elements", Double(cost.l2Reads.output)),
            Metric("l2_writes_output", "elements", Double(cost.l2Writes.output)),
            Metric("offchip_traffic", "B", Double(cost.offchipElements) * eb),
            Metric("compute", "cycles", Double(cost.computeCycles)),
            Metric("memory", "cycles", Double(cost.memoryCycles)),
            Metric("memory_bound_share", "1", Double(cost.memoryBoundCycles) / Double(max(1, cost.runtimeCycles))),
        ]
    }

    /// Network metrics, or an infeasible result when a buffer overflows and capacity is enforced.
    public func evaluation(enforceBufferCapacity: Bool) -> Metrics {
        if enforceBufferCapacity, let reason = bufferOverflow {
            return Metrics.infeasible(reason, partial: metrics)
        }
        return Metrics(metrics)
    }
}

extension MaestroModel {
    /// Costs every layer of `workload`; `dataflow` picks the dataflow per layer.
    /// - Throws: `MappingRejection` naming the first layer the dataflow cannot map.
    public func evaluate(workload: Workload, hardware: AcceleratorHardware,
                         dataflow: (Layer) -> Dataflow) throws -> NetworkCost {
        var layers: [(layer: Layer, cost: LayerCost)] = []
        layers.reserveCapacity(workload.layers.count)
        // Layers that differ only by name (the blocks of a transformer) cost the same.
        var seen: [Layer: (Dataflow, LayerCost)] = [:]
        for layer in workload.layers {
            var shape = layer
            shape.name = ""
            let flow = dataflow(layer)
            if let (f, cost) = seen[shape], f == flow {
                layers.append((layer, cost))
                continue
            }
            do {
                let cost = try evaluate(layer: layer, dataflow: flow, hardware: hardware)
                seen[shape] = (flow, cost)
                layers.append((layer, cost))
            } catch let rejection as MappingRejection {
                throw MappingRejection("layer \(layer.name): \(rejection.reason)")
            }
        }
        return NetworkCost(layers: layers, hardware: hardware, costs: costs)
    }
}
