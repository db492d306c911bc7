import GymCore
import GymWorkloads
import GymAccelerator

/// One sub-accelerator of a heterogeneous design (NASAIC, docs/references.md §5): a
/// dataflow template, a PE count and a share of the memory bandwidth.
public struct SubAccelerator: Sendable, Hashable {
    public var name: String
    public var dataflow: Dataflow
    public var pes: Int
    /// Bandwidth share, GB/s (1 GB/s = 1 byte/ns).
    public var bandwidthGBps: Double

    public init(name: String, dataflow: Dataflow, pes: Int, bandwidthGBps: Double) {
        self.name = name
        self.dataflow = dataflow
        self.pes = pes
        self.bandwidthGBps = bandwidthGBps
    }
}

/// Total resources every sub-accelerator shares.
public struct CodesignBudgets: Sendable, Hashable {
    public var totalPEs: Int
    public var totalBandwidthGBps: Double

    public init(totalPEs: Int = 4096, totalBandwidthGBps: Double = 64) {
        self.totalPEs = totalPEs
        self.totalBandwidthGBps = totalBandwidthGBps
    }

    /// Why `subs` exceed a budget, naming it, or nil when they fit.
    public func violation(_ subs: [SubAccelerator]) -> String? {
        let pes = subs.reduce(0) { $0 + $1.pes }
        if pes > totalPEs {
            let parts = subs.map { "\($0.name) \($0.pes)" }.joined(separator: " + ")
            return "PE budget exceeded: \(parts) = \(pes) PEs > total_pes \(totalPEs); give a sub-accelerator fewer PEs"
        }
        let bandwidth = subs.reduce(0) { $0 + $1.bandwidthGBps }
        if bandwidth > totalBandwidthGBps + 1e-9 {
            let parts = subs.map { "\($0.name) \(ParameterValue.format($0.bandwidthGBps))" }.joined(separator: " + ")
            return "bandwidth budget exceeded: \(parts) = \(ParameterValue.format(bandwidth)) GB/s > total_bandwidth_gbps \(ParameterValue.format(totalBandwidthGBps)); give a sub-accelerator a smaller share"
        }
        return nil
    }
}

/// A network assigned to a sub-accelerator.
public struct TaskWorkload: Sendable {
    public var task: String
    public var workload: Workload
    /// Index into the design's sub-accelerators.
    public var subAccelerator: Int

    public init(task: String, workload: Workload, subAccelerator: Int) {
        self.task = task
        self.workload = workload
        self.subAccelerator = subAccelerator
    }
}

/// The cost of running tasks on a heterogeneous accelerator.
///
/// Sub-accelerators run concurrently; the tasks assigned to one run one
/// after another on it. So latency is the largest sub-accelerator's summed
/// runtime, while energy and area add up over everything (an idle
/// sub-accelerator still has area; the model has no leakage energy).
public struct HeterogeneousCost: Sendable {
    public var subAccelerators: [SubAccelerator]
    public var hardware: [AcceleratorHardware]
    /// Per task, in the order given, with its network cost.
    public var tasks: [(task: TaskWorkload, cost: NetworkCost)]
    public var costs: AcceleratorCosts

    /// Summed runtime of the tasks on sub-accelerator `i`, cycles.
    public func latencyCycles(of i: Int) -> Int {
        tasks.filter { $0.task.subAccelerator == i }.reduce(0) { $0 + $1.cost.runtimeCycles }
    }

    public func energyPJ(of i: Int) -> Double {
        tasks.filter { $0.task.subAccelerator == i }.reduce(0) { $0 + $1.cost.energyPJ }
    }

    public func areaUM2(of i: Int) -> Double { costs.areaUM2(hardware[i]) }

    public var latencyCycles: Int { subAccelerators.indices.map(latencyCycles(of:)).max() ?? 0 }
    public var energyPJ: Double { tasks.reduce(0) { $0 + $1.cost.energyPJ } }
    public var areaUM2: Double { subAccelerators.indices.reduce(0) { $0 + areaUM2(of: $1) } }
}

/// Turns sub-accelerators into MAESTRO hardware and costs task networks on them.
public struct HeterogeneousEvaluator: Sendable, Hashable {
    public var model: MaestroModel
    /// Everything but PEs and bandwidths, shared by every sub-accelerator.
    public var base: AcceleratorHardware
    public var enforceBufferCapacity: Bool

    public init(model: MaestroModel = MaestroModel(), base: AcceleratorHardware, enforceBufferCapacity: Bool = true) {
        self.model = model
        self.base = base
        self.enforceBufferCapacity = enforceBufferCapacity
    }

    /// Elements per cycle that `gbps` delivers at the base clock and element
    /// size (1 GB/s at 1 GHz with 1-byte elements is 1 element/cycle), at
    /// least 1. The share feeds both the sub-accelerator's L2 → PE NoC and its
    /// DRAM → L2 port: it is the width of its whole path to memory.
    public func elementsPerCycle(_ gbps: Double) -> Int {
        let perCycle = gbps * 1000 / base.clockMHz / Double(base.elementBytes)
        return max(1, Int(perCycle.rounded(.down)))
    }

    public func hardware(_ sub: SubAccelerator) -> AcceleratorHardware {
        var hw = base
        hw.pes = sub.pes
        hw.nocBandwidth = elementsPerCycle(sub.bandwidthGBps)
        hw.offchipBandwidth = hw.nocBandwidth
        return hw
    }

    /// Costs every task on its sub-accelerator.
    /// - Returns: the cost, or the reason the design cannot run (a budget,
    ///   a dataflow that cannot map a layer, a buffer too small).
    public func evaluate(_ subs: [SubAccelerator], tasks: [TaskWorkload],
                         budgets: CodesignBudgets) -> Result<HeterogeneousCost, CodesignInfeasibility> {
        if let reason = budgets.violation(subs) { return .failure(CodesignInfeasibility(reason)) }
        let hardware = subs.map(hardware)
        var costed: [(task: TaskWorkload, cost: NetworkCost)] = []
        for t in tasks {
            let sub = subs[t.subAccelerator]
            let net: NetworkCost
            do {
                net = try model.evaluate(workload: t.workload, hardware: hardware[t.subAccelerator]) { _ in sub.dataflow }
            } catch let rejection as MappingRejection {
                return .failure(CodesignInfeasibility("\(sub.name) (\(sub.dataflow.name)) cannot run \(t.task): \(rejection.reason)"))
            } catch {
                return .failure(CodesignInfeasibility("\(sub.name) cannot run \(t.task): \(error)"))
            }
            if enforceBufferCapacity, let overflow = net.bufferOverflow {
                return .failure(CodesignInfeasibility("\(sub.name) (\(sub.dataflow.name), \(sub.pes) PEs) running \(t.task): \(overflow)"))
            }
            costed.append((t, net))
        }
        return .success(HeterogeneousCost(subAccelerators: subs, hardware: hardware, tasks: costed, costs: model.costs))
    }
}

/// Why a co-design point cannot be built or run, as a person can act on it.
public struct CodesignInfeasibility: Error, Sendable, Hashable {
    public var reason: String
    public init(_ reason: String) { self.reason = reason }
}
