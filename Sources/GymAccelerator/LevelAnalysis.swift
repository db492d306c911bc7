/// What one level of a mapping costs for one parent chunk, summed over its iterations.
struct LevelResult: Sendable {
    var runtime = 0
    var macs = 0
    /// Elements crossing this level's NoC (multicast counts once), summed.
    var ingressInput = 0, ingressWeight = 0, egressOutput = 0
    /// Elements written into PE scratchpads (each PE's copy counts), summed.
    var fillInput = 0, fillWeight = 0
    /// Elements moved between DRAM and L2 (top level only).
    var offchip = 0
    /// Largest per-PE scratchpad need (elements, double-buffered).
    var peakL1 = 0
    /// Traffic of the first iteration (the full working set), for the L2 requirement.
    var firstIngress = 0, firstEgress = 0
    /// Elements/cycle that would hide every ingress behind compute.
    var nocBandwidthRequirement = 0.0
    /// Top level only: cycles of compute, of DRAM transfer, and of the steps
    /// whose DRAM transfer is their longest delay (docs/references.md §10).
    var computeCycles = 0, offchipCycles = 0, offchipBoundCycles = 0
}

/// How a tensor's data changed at the parent's step. MAESTRO analyses every
/// cluster level on its own, so a sub-cluster's first iteration loads its whole
/// chunk (`.all`) and its runtime is a property of the chunk alone; with
/// `subClusterReuse` the first iteration loads only what the parent's step
/// changed (a weight-stationary PE keeps its weights while inputs slide).
struct Freshness: Hashable, Sendable {
    enum Input: Hashable, Sendable { case unchanged, full, slideY(Int), slideX(Int) }
    var input: Input
    var weight: Bool
    var output: Bool
    static let all = Freshness(input: .full, weight: true, output: true)
}

/// Tensor membership of dimensions (bit = `LoopDimension.rawValue`); the BMM
/// batch B (bit 7) indexes all three.
enum TensorMask {
    static let input: UInt8 = 0b1111_1101   // N C R S Y X B (R, S through the window)
    static let weight: UInt8 = 0b1001_1110  // K C R S B
    static func output(depthwise: Bool) -> UInt8 { depthwise ? 0b1110_0111 : 0b1110_0011 } // N K Y X B (+C)
}

/// Evaluates a `MappingPlan` level by level: every level iterates its loop nest
/// over the chunk its parent hands it; iterations fall into cases (first,
/// steady, edge), each with an occurrence count, so the model never walks
/// individual iterations (MAESTRO's method, docs/references.md §2).
struct LevelAnalyzer {
    let plan: MappingPlan
    let hardware: AcceleratorHardware
    let subClusterReuse: Bool
    private var memo: [(level: Int, chunk: Extent, fresh: Freshness, result: LevelResult)] = []

    init(plan: MappingPlan, hardware: AcceleratorHardware, subClusterReuse: Bool) {
        self.plan = plan
        self.hardware = hardware
        self.subClusterReuse = subClusterReuse
        memo.reserveCapacity(8)
    }

    // MARK: Tensor volumes (elements) of a chunk

    @inline(__always) func inputRows(_ e: Extent) -> Int { (e[5] - 1) * plan.stride + e[3] }
    @inline(__always) func inputCols(_ e: Extent) -> Int { (e[6] - 1) * plan.stride + e[4] }
    @inline(__always) func inputVolume(_ e: Extent) -> Int { e[7] * e[0] * e[2] * inputRows(e) * inputCols(e) }
    @inline(__always) func weightVolume(_ e: Extent) -> Int { e[7] * e[1] * e[2] * e[3] * e[4] }
    @inline(__always) func outputVolume(_ e: Extent) -> Int { e[7] * e[0] * e[1] * e[5] * e[6] * (plan.isDepthwise ? e[2] : 1) }
    /// MACs of a chunk: every point of the iteration space is one MAC, one partial sum.
    @inline(__always) func macs(_ e: Extent) -> Int { e[7] * e[0] * e[1] * e[2] * e[3] * e[4] * e[5] * e[6] }

    /// New input elements of a chunk given how the input changed.
    func newInput(_ e: Extent, _ mode: Freshness.Input) -> Int {
        switch mode {
        case .unchanged: return 0
        case .full: return inputVolume(e)
        // A window that moved by `by` outputs shares all but by·stride rows with the last one.
        case .slideY(let by): return e[7] * e[0] * e[2] * min(inputRows(e), by * plan.stride) * inputCols(e)
        case .slideX(let by): return e[7] * e[0] * e[2] * inputRows(e) * min(inputCols(e), by * plan.stride)
        }
    }

    // MARK: Levels

    /// One level's loop nest over one parent chunk (at most 8 loops: one per
    /// temporal dimension plus one fold loop for the spatial ones).
    struct Nest {
        var level: Int
        var parent: Extent
        var chunk: Extent, count: Extent, edge: Extent
        var units: Int, folds: Int, lastFoldUnits: Int
        var spatialMoving: UInt8, spatialEdge: UInt8
        var loopCount = 0
        var loopMask = Extent(repeating: 0)     // dimensions a loop changes (bits)
        var loopLength = Extent(repeating: 1)
        var loopDim = Extent(repeating: 0)
        var loopHasEdge: UInt8 = 0
        var foldLoop = -1
        var first: Freshness
        var outputMask: UInt8
        var innermost: Bool
        var isTop: Bool
    }

    /// Costs of `level` iterating over the `parent` chunk.
    mutating func analyze(level: Int, parent: Extent, fresh: Freshness) -> LevelResult {
        for entry in memo where entry.level == level && entry.chunk == parent && entry.fresh == fresh { return entry.result }
        let result = compute(level: level, parent: parent, fresh: fresh)
        memo.append((level, parent, fresh, result))
        return result
    }

    /// The loop nest of `level` over `parent` (also walked step by step by `OffChipStream`).
    func makeNest(level: Int, parent: Extent, fresh: Freshness) -> Nest {
        let spec = plan.levels[level]
        var chunk = Extent(repeating: 1), count = Extent(repeating: 1), edge = Extent(repeating: 1)
        for d in 0..<8 {
            let p = parent[d], s = min(spec.size[d], p)
            chunk[d] = s
            count[d] = (p + s - 1) / s
            edge[d] = p - (count[d] - 1) * s
        }
        // Spatial dimensions advance together; their positions are dealt to units in folds.
        var spatialPositions = 1, spatialMoving: UInt8 = 0, spatialEdge: UInt8 = 0
        for d in 0..<8 where spec.spatialMask & (1 << UInt8(d)) != 0 {
            spatialPositions = max(spatialPositions, count[d])
            if count[d] > 1 { spatialMoving |= 1 << UInt8(d) }
        }
        for d in 0..<8 where spatialMoving & (1 << UInt8(d)) != 0 && count[d] == spatialPositions && edge[d] < chunk[d] {
            spatialEdge |= 1 << UInt8(d)
        }
        let folds = (spatialPositions + spec.units - 1) / spec.units
        let outputMask = TensorMask.output(depthwise: plan.isDepthwise)
        var nest = Nest(level: level, parent: parent, chunk: chunk, count: count, edge: edge,
                        units: spec.units, folds: folds, lastFoldUnits: spatialPositions - (folds - 1) * spec.units,
                        spatialMoving: spatialMoving, spatialEdge: spatialEdge, first: fresh, outputMask: outputMask,
                        innermost: level == plan.levels.count - 1, isTop: level == 0)
        var placedFold = false
        for i in 0..<spec.orderCount {
            let d = spec.order[i]
            if spec.spatialMask & (1 << UInt8(d)) != 0 {
                guard !placedFold else { continue }
                placedFold = true
                if folds > 1 {
                    nest.foldLoop = nest.loopCount
                    append(&nest, mask: spatialMoving, length: folds, dim: d,
                           hasEdge: nest.lastFoldUnits < spec.units || spatialEdge != 0)
                }
            } else if count[d] > 1 {
                append(&nest, mask: 1 << UInt8(d), length: count[d], dim: d, hasEdge: edge[d] < chunk[d])
            }
        }
        var walked: UInt8 = 0
        for i in 0..<nest.loopCount { walked |= UInt8(nest.loopMask[i]) }
        // The first iteration reloads a tensor when the parent changed it, or
        // when this level walks over it (its last chunk is not its first).
        nest.first = Freshness(input: walked & TensorMask.input != 0 ? .full : fresh.input,
                               weight: fresh.weight || walked & TensorMask.weight != 0,
                               output: fresh.output || walked & outputMask != 0)
        return nest
    }

    private mutating func compute(level: Int, parent: Extent, fresh: Freshness) -> LevelResult {
        let nest = makeNest(level: level, parent: parent, fresh: fresh)

        // Cases: the first iteration, then for each loop j advancing (inner
        // loops reset to index 0) every last/not-last state of the loops
        // outside j that have an edge; occurrence counts multiply.
        var result = LevelResult()
        evaluateCase(nest, changing: -1, isLast: 0, occurrences: 1, into: &result)
        for j in 0..<nest.loopCount {
            enumerate(nest, from: 0, changing: j, isLast: 0, occurrences: 1, into: &result)
        }
        return result
    }

    private func append(_ nest: inout Nest, mask: UInt8, length: Int, dim: Int, hasEdge: Bool) {
        let i = nest.loopCount
        nest.loopMask[i] = Int(mask)
        nest.loopLength[i] = length
        nest.loopDim[i] = dim
        if hasEdge { nest.loopHasEdge |= 1 << UInt8(i) }
        nest.loopCount += 1
    }

    private mutating func enumerate(_ nest: Nest, from i: Int, changing j: Int, isLast: UInt8, occurrences: Int,
                                    into result: inout LevelResult) {
        let n = nest.loopLength[i]
        let hasEdge = nest.loopHasEdge & (1 << UInt8(i)) != 0
        if i == j {
            if hasEdge {
                if n > 2 { evaluateCase(nest, changing: j, isLast: isLast, occurrences: occurrences * (n - 2), into: &result) }
                evaluateCase(nest, changing: j, isLast: isLast | (1 << UInt8(j)), occurrences: occurrences, into: &result)
            } else {
                evaluateCase(nest, changing: j, isLast: isLast, occurrences: occurrences * (n - 1), into: &result)
            }
        } else if hasEdge {
            enumerate(nest, from: i + 1, changing: j, isLast: isLast, occurrences: occurrences * (n - 1), into: &result)
            enumerate(nest, from: i + 1, changing: j, isLast: isLast | (1 << UInt8(i)), occurrences: occurrences, into: &result)
        } else {
            enumerate(nest, from: i + 1, changing: j, isLast: isLast, occurrences: occurrences * n, into: &result)
        }
    }

    /// One case: loop states in `isLast` (bit per loop), `changing` = the loop
    /// that advanced (-1: the first iteration).
    mutating func evaluateCase(_ nest: Nest, changing: Int, isLast: UInt8, occurrences: Int,
                               into result: inout LevelResult) {
        var unitChunk = nest.chunk
        for i in 0..<nest.loopCount where i != nest.foldLoop && isLast & (1 << UInt8(i)) != 0 {
            unitChunk[nest.loopDim[i]] = nest.edge[nest.loopDim[i]]
        }
        let lastFold = nest.foldLoop < 0 || isLast & (1 << UInt8(nest.foldLoop)) != 0
        let active = lastFold ? nest.lastFoldUnits : nest.units
        let startPosition = lastFold ? (nest.folds - 1) * nest.units : 0
        var union = unitChunk
        var edgeChunk = unitChunk
        for d in 0..<8 where nest.spatialMoving & (1 << UInt8(d)) != 0 {
            let a = min(startPosition, nest.count[d] - 1), b = max(a + 1, min(startPosition + active, nest.count[d]))
            union[d] = min(nest.parent[d], b * nest.chunk[d]) - a * nest.chunk[d]
            if nest.spatialEdge & (1 << UInt8(d)) != 0 { edgeChunk[d] = nest.edge[d] }
        }
        let edgeUnits = lastFold && nest.spatialEdge != 0 ? 1 : 0
        let fullUnits = active - edgeUnits

        let fresh = freshness(nest, changing: changing)

        let inputTraffic = newInput(union, fresh.input)
        let weightTraffic = fresh.weight ? weightVolume(union) : 0
        let ingress = inputTraffic + weightTraffic
        let egress = fresh.output ? outputVolume(union) : 0
        let computeDelay: Int
        if nest.innermost {
            let slowest = fullUnits > 0 ? unitChunk : edgeChunk
            computeDelay = (macs(slowest) + hardware.simdLanes - 1) / hardware.simdLanes
            result.macs += occurrences * (fullUnits * macs(unitChunk) + edgeUnits * macs(edgeChunk))
            result.fillInput += occurrences * (fullUnits * newInput(unitChunk, fresh.input) + edgeUnits * newInput(edgeChunk, fresh.input))
            if fresh.weight {
                result.fillWeight += occurrences * (fullUnits * weightVolume(unitChunk) + edgeUnits * weightVolume(edgeChunk))
            }
            // L1 holds, double-buffered, the PE's input and weight chunks and one
            // partial sum per MAC of the step (the lanes' products before they are
            // reduced), MAESTRO's convention: 2 × (49 + 49 + 49) = 294 on CONV1.
            result.peakL1 = max(result.peakL1, 2 * (inputVolume(unitChunk) + weightVolume(unitChunk) + macs(unitChunk)))
        } else {
            let handed = subClusterReuse ? fresh : .all
            let full = fullUnits > 0 ? analyze(level: nest.level + 1, parent: unitChunk, fresh: handed) : LevelResult()
            let edged = edgeUnits > 0 ? analyze(level: nest.level + 1, parent: edgeChunk, fresh: handed) : LevelResult()
            computeDelay = fullUnits > 0 ? full.runtime : edged.runtime
            result.macs += occurrences * (fullUnits * full.macs + edgeUnits * edged.macs)
            result.fillInput += occurrences * (fullUnits * full.fillInput + edgeUnits * edged.fillInput)
            result.fillWeight += occurrences * (fullUnits * full.fillWeight + edgeUnits * edged.fillWeight)
            result.peakL1 = max(result.peakL1, full.peakL1, edged.peakL1)
            result.nocBandwidthRequirement = max(result.nocBandwidthRequirement, full.nocBandwidthRequirement, edged.nocBandwidthRequirement)
        }
        let ingressDelay = hardware.nocDelay(ingress)
        let egressDelay = hardware.nocDelay(egress)
        let offchipDelay = nest.isTop ? hardware.offchipDelay(ingress + egress) : 0
        // Double buffering: the first iteration waits for its data; later
        // ones overlap the next ingress and the last egress with compute.
        let delay = changing < 0
            ? max(ingressDelay, offchipDelay) + computeDelay
            : max(ingressDelay, computeDelay, egressDelay, offchipDelay)
        result.runtime += occurrences * delay
        if nest.isTop {
            result.computeCycles += occurrences * computeDelay
            result.offchipCycles += occurrences * offchipDelay
            // A step is memory-bound when the DRAM transfer sets its time (a
            // tie with compute included: DRAM is then saturated); the first
            // step's wait for data is the bound part of it.
            let transfer = changing < 0 ? max(ingressDelay, offchipDelay) : delay
            if offchipDelay > 0 && offchipDelay >= transfer {
                result.offchipBoundCycles += occurrences * (changing < 0 ? offchipDelay : delay)
            }
        }
        result.ingressInput += occurrences * inputTraffic
        result.ingressWeight += occurrences * weightTraffic
        result.egressOutput += occurrences * egress
        if nest.isTop { result.offchip += occurrences * (ingress + egress) }
        result.nocBandwidthRequirement = max(result.nocBandwidthRequirement, Double(ingress) / Double(max(1, computeDelay)))
        if changing < 0 { result.firstIngress = ingress; result.firstEgress = egress }
    }

    /// What changed at the iteration where loop `changing` advanced (-1: the first).
    func freshness(_ nest: Nest, changing: Int) -> Freshness {
        var fresh = nest.first
        if changing >= 0 {
            var changed: UInt8 = 0
            for i in changing..<nest.loopCount { changed |= UInt8(nest.loopMask[i]) }
            let dim = nest.loopDim[changing]
            if changed & TensorMask.input == 0 {
                fresh.input = .unchanged
            } else if changing != nest.foldLoop && changed & TensorMask.input == UInt8(nest.loopMask[changing]) && (dim == 5 || dim == 6) {
                fresh.input = dim == 5 ? .slideY(nest.chunk[5]) : .slideX(nest.chunk[6])
            } else {
                fresh.input = .full
            }
            fresh.weight = changed & TensorMask.weight != 0
            fresh.output = changed & nest.outputMask != 0
        }
        return fresh
    }
}
