import GymAccelerator
import GymCore
import GymWorkloads

/// One layer's coupled timing and energy (docs/references.md §11).
///
/// The accelerator issues its off-chip stream on its own schedule and the
/// DRAM serves it; the layer ends when both are done:
///
///     latency = max(compute + fill, memory)
///
/// where compute is the model's on-chip runtime, fill the time the first
/// step waits for its data (simulated alone), and memory the last DRAM
/// response of the stream. When memory sets the latency the layer is memory
/// bound; its stall time is latency - compute.
struct CoupledLayer: Sendable {
    var layer: Layer
    var cost: LayerCost
    var memory: LayerMemory
    var computeNs: Double
    /// DRAM energy including the devices idling from the last response to the layer's end, pJ.
    var dramEnergyPJ: Double

    init(layer: Layer, cost: LayerCost, memory: LayerMemory, computeNs: Double, idlePowerMW: Double) {
        self.layer = layer
        self.cost = cost
        self.memory = memory
        self.computeNs = computeNs
        let latency = max(computeNs + memory.fillNs, memory.memoryNs)
        dramEnergyPJ = memory.energyPJ + (latency - memory.memoryNs) * idlePowerMW
    }

    var latencyNs: Double { max(computeNs + memory.fillNs, memory.memoryNs) }
    var isMemoryBound: Bool { memory.memoryNs > computeNs + memory.fillNs }
    var stallNs: Double { latencyNs - computeNs }

    /// Metrics of this layer alone, for `--per-layer`.
    func metrics(burstBytes: Int, elementBytes: Int) -> [Metric] {
        [
            Metric("latency", "ns", latencyNs),
            Metric("compute_time", "ns", computeNs),
            Metric("fill_time", "ns", memory.fillNs),
            Metric("memory_time", "ns", memory.memoryNs),
            Metric("memory_bound", "1", isMemoryBound ? 1 : 0),
            Metric("accelerator_energy", "uJ", cost.energyPJ / 1e6),
            Metric("dram_energy", "uJ", dramEnergyPJ / 1e6),
            Metric("offchip_traffic", "B", Double(cost.offchipElements * elementBytes)),
            Metric("dram_requests", "1", memory.requests),
            Metric("dram_bandwidth", "GBps", latencyNs > 0 ? memory.requests * Double(burstBytes) / latencyNs : 0),
            Metric("dram_read_latency_avg", "ns", memory.readLatencyNs),
            Metric("dram_row_hit_rate", "1", memory.rowHitRate),
            Metric("simulated_requests", "1", Double(memory.simulatedRequests)),
        ]
    }
}
