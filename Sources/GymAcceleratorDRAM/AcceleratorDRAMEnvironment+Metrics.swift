import GymAccelerator
import GymCore

extension AcceleratorDRAMEnvironment {
    /// What `accelerator-dram` measures. Layers run one after another, so
    /// times and energies add up (docs/references.md §11).
    public static let metricSpecs: [MetricSpec] = [
        MetricSpec("latency", "ns", .minimize, summary: "sum over layers of max(compute + first fill, DRAM time of the layer's stream)"),
        MetricSpec("latency", "cycles", .minimize, summary: "latency_ns at clock_mhz"),
        MetricSpec("compute_time", "ns", .minimize, summary: "the accelerator's on-chip runtime (no off-chip bound)"),
        MetricSpec("memory_time", "ns", .minimize, summary: "sum over layers of the last DRAM response of the layer's stream"),
        MetricSpec("memory_time_share", "1", .minimize, summary: "share of latency_ns the accelerator waits on DRAM: (latency - compute) / latency"),
        MetricSpec("memory_bound_layers", "1", .minimize, summary: "layers whose DRAM time sets their latency"),
        MetricSpec("energy", "uJ", .minimize, summary: "accelerator_energy_uJ + dram_energy_uJ"),
        MetricSpec("accelerator_energy", "uJ", .minimize, summary: "activity-based accelerator energy (MAC, L1, L2) at mac_energy_pj"),
        MetricSpec("dram_energy", "uJ", .minimize, summary: "DRAMPower-style DRAM energy, plus idle standby until each layer ends"),
        MetricSpec("edp", "uJ_ms", .minimize, summary: "energy-delay product, energy_uJ × latency in ms"),
        MetricSpec("average_power", "mW", .minimize, summary: "energy_uJ / latency"),
        MetricSpec("area", "mm2", .minimize, summary: "accelerator area: MAC lanes, L1s, L2, bus and arbiter (28 nm)"),
        MetricSpec("dram_bandwidth", "GBps", .maximize, summary: "bytes of the DRAM bursts / latency_ns"),
        MetricSpec("dram_bandwidth_utilization", "pct", .maximize, summary: "dram_bandwidth as a percentage of the memspec's peak"),
        MetricSpec("dram_read_latency_avg", "ns", .minimize, summary: "mean DRAM read latency, weighted by each layer's requests"),
        MetricSpec("dram_row_hit_rate", "1", .maximize, summary: "requests served without their own ACT, weighted by each layer's requests"),
        MetricSpec("dram_requests", "1", .minimize, summary: "burst requests of all streams"),
        MetricSpec("offchip_traffic", "B", .minimize, summary: "tensor bytes moved between DRAM and L2 (the model's count)"),
        MetricSpec("macs", "1", .minimize, summary: "multiply-accumulates of the workload"),
        MetricSpec("throughput", "MACs_per_cycle", .maximize, summary: "MACs / latency_cycles"),
        MetricSpec("utilization", "1", .maximize, summary: "MACs / (latency_cycles × pes × simd_lanes)"),
        MetricSpec("l1_requirement", "B", .minimize, summary: "largest per-PE scratchpad need over layers"),
        MetricSpec("l2_requirement", "B", .minimize, summary: "largest shared-buffer need over layers"),
        MetricSpec("buffer_overflow_layers", "1", .minimize, summary: "layers whose buffer needs exceed l1_bytes/l2_bytes (non-zero only with enforce_buffer_capacity: false)"),
    ]

    /// The network totals, in `metricSpecs` order.
    func metrics(of layers: [CoupledLayer], network: NetworkCost) -> [Metric] {
        func sum(_ value: (CoupledLayer) -> Double) -> Double { layers.reduce(0) { $0 + value($1) } }
        let hw = network.hardware
        let latency = sum(\.latencyNs), compute = sum(\.computeNs)
        let cycles = latency * hw.clockMHz / 1000
        let acceleratorUJ = network.energyPJ / 1e6, dramUJ = sum(\.dramEnergyPJ) / 1e6
        let energy = acceleratorUJ + dramUJ
        let requests = sum(\.memory.requests)
        let bandwidth = latency > 0 ? requests * Double(memory.burstBytes) / latency : 0   // bytes/ns = GB/s
        func weighted(_ value: (LayerMemory) -> Double) -> Double {
            requests > 0 ? sum { value($0.memory) * $0.memory.requests } / requests : 0
        }
        let network = network.metrics
        func model(_ key: String) -> Double { network.first { $0.key == key }?.value ?? 0 }
        let macs = model("macs")
        let lanes = Double(hw.pes * hw.simdLanes)
        return [
            Metric("latency", "ns", latency),
            Metric("latency", "cycles", cycles),
            Metric("compute_time", "ns", compute),
            Metric("memory_time", "ns", sum(\.memory.memoryNs)),
            Metric("memory_time_share", "1", latency > 0 ? (latency - compute) / latency : 0),
            Metric("memory_bound_layers", "1", Double(layers.filter(\.isMemoryBound).count)),
            Metric("energy", "uJ", energy),
            Metric("accelerator_energy", "uJ", acceleratorUJ),
            Metric("dram_energy", "uJ", dramUJ),
            Metric("edp", "uJ_ms", energy * latency / 1e6),
            Metric("average_power", "mW", latency > 0 ? energy * 1e6 / latency : 0),
            Metric("area", "mm2", model("area_mm2")),
            Metric("dram_bandwidth", "GBps", bandwidth),
            Metric("dram_bandwidth_utilization", "pct", 100 * bandwidth / memory.spec.peakBandwidthGBps),
            Metric("dram_read_latency_avg", "ns", weighted(\.readLatencyNs)),
            Metric("dram_row_hit_rate", "1", weighted(\.rowHitRate)),
            Metric("dram_requests", "1", requests),
            Metric("offchip_traffic", "B", model("offchip_traffic_B")),
            Metric("macs", "1", macs),
            Metric("throughput", "MACs_per_cycle", cycles > 0 ? macs / cycles : 0),
            Metric("utilization", "1", cycles > 0 ? macs / (cycles * lanes) : 0),
            Metric("l1_requirement", "B", model("l1_requirement_B")),
            Metric("l2_requirement", "B", model("l2_requirement_B")),
            Metric("buffer_overflow_layers", "1", model("buffer_overflow_layers")),
        ]
    }
}
