import GymCore

/// Data movement of one tensor at one level, in words (all instances).
public struct TensorCounts: Sendable, Hashable {
    /// Words read out to the level below (or to the MACs), plus partial sums
    /// read to be sent up.
    public var reads: Double = 0
    /// Words written from the level above.
    public var fills: Double = 0
    /// Partial-sum writes coming up from below (outputs only).
    public var updates: Double = 0
}

/// The outcome of one layer under one mapping (docs/references.md §3).
public struct LoopNestResult: Sendable {
    public var macs: Int
    public var computeCycles: Int
    /// max(compute, every level's bandwidth-bound cycles).
    public var cycles: Double
    public var usedPEs: Int
    public var utilization: Double
    /// counts[level][tensor.rawValue]
    public var counts: [[TensorCounts]]
    /// Access energy of each level, pJ (all instances).
    public var levelAccessPJ: [Double]
    /// Leakage of each level over the run, pJ.
    public var levelLeakagePJ: [Double]
    public var macPJ: Double
    public var bandwidthCycles: [Double]

    public var energyPJ: Double { macPJ + levelAccessPJ.reduce(0, +) + levelLeakagePJ.reduce(0, +) }

    /// Energy of a level per MAC, fJ (access + leakage); the compute part is `macPJ`.
    public func femtojoulesPerMAC(level l: Int) -> Double {
        (levelAccessPJ[l] + levelLeakagePJ[l]) * 1000 / Double(macs)
    }

    /// Words moved in and out of the top level (main memory).
    public var topAccesses: Double {
        counts[counts.count - 1].reduce(0) { $0 + $1.reads + $1.fills + $1.updates }
    }
}

/// Timeloop-class analytical model of a loop nest on a storage hierarchy,
/// counting as Timeloop does (docs/references.md §3).
///
/// For each tensor, consecutive levels that keep it form parent/child pairs
/// (the MACs are the child of the innermost keeper, and read every operand
/// from it once per MAC). Walking the loops above the child from the inside
/// out: temporal loops irrelevant to the tensor before the first relevant one
/// reuse the child's tile (stationarity, no transfer); the first relevant one
/// and every loop further out bring a whole new tile (sliding-window overlap
/// between successive tiles is not reused). Spatial loops between child and
/// parent that are irrelevant to the tensor are multicast (inputs, weights)
/// or spatially reduced (outputs), so the parent counts one access for all
/// those children; relevant ones give every child different data (halo
/// overlap between neighbours is not merged); spatial loops above the parent
/// are separate instances and multiply.
///
/// Outputs, per level that keeps them: updates = partial sums arriving from
/// below; reads = updates minus the level's partition (the first write of
/// each element at each instance needs no read), and those read-backs are
/// the child's fills. Draining a tile upward is not counted as a read of
/// the child: Timeloop's `reads = content accesses - partition size`.
///
/// Energy = Σ words × energy per word at each level + MACs × MAC energy +
/// leakage per cycle × utilized instances × cycles (Timeloop charges leakage
/// to the instances a mapping uses). Cycles = max(compute cycles = product of
/// temporal factors, each level's reads (writes) per used instance / its read
/// (write) bandwidth). Not modelled (simplifications against Timeloop):
/// network wire energy and the adders of spatial reduction; imperfect
/// factorisation (factors must divide the bounds exactly); double buffering
/// (a tile needs its footprint once).
public enum LoopNestModel {
    /// Why `mapping` is illegal for the problem on `arch`, or nil.
    public static func violation(_ problem: LoopProblem, _ arch: Architecture, _ mapping: Mapping) -> String? {
        let levels = arch.levels
        guard mapping.temporal.count == levels.count, mapping.spatial.count == levels.count,
              mapping.order.count == levels.count else { return "mapping has the wrong number of levels" }
        var total = LoopExtents.ones
        var tile = LoopExtents.ones
        for l in levels.indices {
            total &*= mapping.temporal[l] &* mapping.spatial[l]
            tile &*= mapping.temporal[l] &* mapping.spatial[l]
            let fan = mapping.spatial[l].product
            if fan > levels[l].fanout {
                return "\(levels[l].name) spreads \(fan) ways over \(levels[l].fanout) children"
            }
            if !levels[l].constraints.isNone, let reason = levels[l].constraints.violation(
                temporal: mapping.temporal[l], spatial: mapping.spatial[l], order: mapping.order[l], level: levels[l]) {
                return reason
            }
            if let capacity = levels[l].capacityWords {
                let need = levels[l].keeps.reduce(0) { $0 + problem.footprint(of: $1, tile) }
                if need > capacity { return "\(levels[l].name) tile needs \(need) words, holds \(capacity)" }
            }
        }
        if total != problem.bounds { return "loop factors do not multiply to the layer's bounds" }
        return nil
    }

    /// Counts, energy and cycles of a legal mapping (check `violation` first).
    public static func evaluate(_ problem: LoopProblem, _ arch: Architecture, _ mapping: Mapping) -> LoopNestResult {
        let levels = arch.levels
        let n = levels.count
        let loops = mapping.loops()
        var below = [LoopExtents](repeating: .ones, count: n)
        var acc = LoopExtents.ones
        for l in 0..<n {
            acc &*= mapping.temporal[l] &* mapping.spatial[l]
            below[l] = acc
        }
        var counts = [[TensorCounts]](repeating: [TensorCounts](repeating: TensorCounts(), count: 3), count: n)

        // Words crossing from parent `p` to child `c` (-1 = the MACs): as the
        // parent sends them (`atParent`, multicast and reduction counted once)
        // or as the children receive them.
        func transfer(_ t: DataTensor, child c: Int, parent p: Int, atParent: Bool) -> Double {
            var m = 1.0
            var moved = c < 0
            for loop in loops.reversed() where loop.level > c {
                let relevant = LoopProblem.isRelevant(ProblemDimension(rawValue: loop.dim)!, to: t)
                if loop.isSpatial {
                    if relevant || !atParent || loop.level > p { m *= Double(loop.factor) }
                } else if moved || relevant {
                    m *= Double(loop.factor)
                    moved = true
                }
            }
            return Double(problem.footprint(of: t, c >= 0 ? below[c] : .ones)) * m
        }

        for t in DataTensor.allCases {
            let keepers = levels.indices.filter { levels[$0].keeps.contains(t) }
            var child = -1
            for p in keepers {
                if t == .outputs {
                    let written = transfer(t, child: child, parent: p, atParent: true)
                    var partition = Double(problem.size(of: t))
                    for loop in loops where loop.isSpatial && loop.level > p
                        && !LoopProblem.isRelevant(ProblemDimension(rawValue: loop.dim)!, to: t) {
                        partition *= Double(loop.factor)
                    }
                    let readBack = max(0, written - partition)
                    counts[p][t.rawValue].updates += written
                    counts[p][t.rawValue].reads += readBack
                    if child >= 0 { counts[child][t.rawValue].fills += readBack }
                } else {
                    counts[p][t.rawValue].reads += transfer(t, child: child, parent: p, atParent: true)
                    if child >= 0 { counts[child][t.rawValue].fills += transfer(t, child: child, parent: p, atParent: false) }
                }
                child = p
            }
        }

        let computeCycles = mapping.temporal.reduce(1) { $0 * $1.product }
        let usedPEs = mapping.spatial.reduce(1) { $0 * $1.product }
        var cycles = Double(computeCycles)
        var bandwidthCycles = [Double](repeating: 0, count: n)
        var accessPJ = [Double](repeating: 0, count: n)
        var used = [Double](repeating: 1, count: n)
        for l in 0..<n {
            used[l] = Double(mapping.spatial[(l + 1)...].reduce(1) { $0 * $1.product })
            let reads = counts[l].reduce(0) { $0 + $1.reads }
            let writes = counts[l].reduce(0) { $0 + $1.fills + $1.updates }
            bandwidthCycles[l] = max(reads / used[l] / levels[l].readBandwidth, writes / used[l] / levels[l].writeBandwidth)
            cycles = max(cycles, bandwidthCycles[l])
            accessPJ[l] = reads * levels[l].readPJPerWord + writes * levels[l].writePJPerWord
        }
        let leakagePJ = levels.indices.map { levels[$0].leakagePJPerCycle * used[$0] * cycles }
        let macs = problem.macs
        return LoopNestResult(
            macs: macs, computeCycles: computeCycles, cycles: cycles, usedPEs: usedPEs,
            utilization: Double(usedPEs) / Double(arch.macCount), counts: counts,
            levelAccessPJ: accessPJ, levelLeakagePJ: leakagePJ,
            macPJ: Double(macs) * arch.macEnergyPJ + arch.macLeakagePJPerCycle * Double(usedPEs) * cycles,
            bandwidthCycles: bandwidthCycles)
    }
}
