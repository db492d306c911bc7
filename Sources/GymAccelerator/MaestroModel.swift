import GymWorkloads
/// Reads and writes of each tensor at one buffer level, in elements.
public struct TensorAccesses: Sendable, Hashable {
    public var input = 0
    public var weight = 0
    public var output = 0
    public init(input: Int = 0, weight: Int = 0, output: Int = 0) {
        self.input = input
        self.weight = weight
        self.output = output
    }
    public var total: Int { input + weight + output }
}

/// Everything the model says about one layer under one dataflow and hardware.
public struct LayerCost: Sendable, Hashable {
    public var macs: Int
    public var runtimeCycles: Int
    public var l1Reads: TensorAccesses
    public var l1Writes: TensorAccesses
    public var l2Reads: TensorAccesses
    public var l2Writes: TensorAccesses
    /// Elements moved between DRAM and L2.
    public var offchipElements: Int
    /// Per-PE scratchpad and shared buffer needs, elements (double-buffered).
    public var l1RequirementElements: Int
    public var l2RequirementElements: Int
    /// NoC bandwidth that would hide all ingress behind compute, elements/cycle.
    public var nocBandwidthRequirement: Double
    /// MACs / (cycles × PEs × lanes).
    public var utilization: Double
    /// Energy in units of one MAC's energy, and in pJ.
    public var energyMACUnits: Double
    public var energyPJ: Double
    /// Cycles the array computes (MAC steps and vector work), the DRAM
    /// transfers take, and runtime spent in steps DRAM bounds (docs/references.md §10).
    public var computeCycles = 0
    public var memoryCycles = 0
    public var memoryBoundCycles = 0
    /// Cycles of the layer's vector work (included in `runtimeCycles`).
    public var vectorCycles = 0

    public var macsPerCycle: Double { Double(macs) / Double(max(1, runtimeCycles)) }
}

/// MAESTRO-class data-centric cost model (docs/references.md §2), computed from first
/// principles: the dataflow's directives say which chunk of every dimension
/// each unit holds at each step; from that follow the MACs per PE, what data
/// moves over each NoC level (with multicast and temporal reuse), the delays
/// per iteration case, buffer needs and activity-based energy.
///
///     let model = MaestroModel()
///     let cost = try model.evaluate(layer: conv1, dataflow: .kcpWS, hardware: .maestroValidation)
///
/// Pure and `Sendable`: call it from any thread.
public struct MaestroModel: Sendable, Hashable {
    /// Bumped whenever any output of the model changes.
    public static let version = "maestro-dsegym-1"

    public var costs: AcceleratorCosts
    /// False (default, MAESTRO's behaviour): every sub-cluster step loads its
    /// whole chunk, so a sub-cluster's runtime depends on its chunk alone.
    /// True: a sub-cluster step loads only what its parent's step changed
    /// (inputs that slid, weights that moved), which is never slower.
    public var subClusterReuse: Bool

    public init(costs: AcceleratorCosts = AcceleratorCosts(), subClusterReuse: Bool = false) {
        self.costs = costs
        self.subClusterReuse = subClusterReuse
    }

    /// Costs `layer` mapped by `dataflow` on `hardware`.
    /// - Throws: `MappingRejection` when the dataflow cannot map this layer
    ///   (a dimension covered twice or left uncovered, a level without a SpatialMap).
    public func evaluate(layer: Layer, dataflow: Dataflow, hardware: AcceleratorHardware) throws -> LayerCost {
        let plan = try MappingPlan(directives: dataflow.directives(for: layer), layer: layer, pes: hardware.pes)
        var analyzer = LevelAnalyzer(plan: plan, hardware: hardware, subClusterReuse: subClusterReuse)
        let top = analyzer.analyze(level: 0, parent: plan.layerExtent, fresh: .all)
        return cost(of: top, layer: layer, hardware: hardware)
    }

    func cost(of top: LevelResult, layer: Layer, hardware: AcceleratorHardware) -> LayerCost {
        let macs = top.macs
        // L1: every MAC reads an input and a weight and updates a partial sum
        // (read + write); data arrives by the fills the reuse analysis counted.
        let l1Reads = TensorAccesses(input: macs, weight: macs, output: macs)
        let l1Writes = TensorAccesses(input: top.fillInput, weight: top.fillWeight, output: macs)
        // L2: what the top NoC carries is read once (multicast) after being
        // staged from DRAM; outputs written back more often than there are
        // outputs are partial sums read back to be accumulated.
        let outputs = layer.outputElements
        let l2Reads = TensorAccesses(input: top.ingressInput, weight: top.ingressWeight,
                                     output: max(0, top.egressOutput - outputs))
        let l2Writes = TensorAccesses(input: top.ingressInput, weight: top.ingressWeight, output: top.egressOutput)
        // Vector work (softmax, normalisation) runs on the PE lanes after the
        // layer, one element operation per lane per cycle at one MAC's energy
        // (DSEGym's cost, docs/references.md §10).
        let lanes = hardware.pes * hardware.simdLanes
        let vectorCycles = (layer.vectorOps + lanes - 1) / lanes
        let runtime = top.runtime + vectorCycles
        let energy = Double(macs + layer.vectorOps) * costs.macEnergy
            + Double(l1Reads.total + l1Writes.total) * costs.l1AccessEnergy
            + Double(l2Reads.total + l2Writes.total) * costs.l2AccessEnergy
        let peak = Double(hardware.pes) * Double(hardware.simdLanes) * Double(runtime)
        return LayerCost(
            macs: macs, runtimeCycles: runtime,
            l1Reads: l1Reads, l1Writes: l1Writes, l2Reads: l2Reads, l2Writes: l2Writes,
            offchipElements: top.offchip,
            l1RequirementElements: top.peakL1,
            l2RequirementElements: 2 * top.firstIngress + 2 * top.firstEgress,
            nocBandwidthRequirement: top.nocBandwidthRequirement,
            utilization: peak > 0 ? Double(macs) / peak : 0,
            energyMACUnits: energy, energyPJ: energy * costs.macEnergyPJ,
            computeCycles: top.computeCycles + vectorCycles, memoryCycles: top.offchipCycles,
            memoryBoundCycles: top.offchipBoundCycles, vectorCycles: vectorCycles)
    }
}
