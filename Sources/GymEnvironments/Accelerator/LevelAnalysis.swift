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
}

/// How a tensor's data changed at the parent's step: the child's first
/// iteration reloads what changed (REFERENCES §2: reuse is what makes a
/// dataflow "stationary").
struct Freshness: Hashable, Sendable {
    enum Input: Hashable, Sendable { case unchanged, full, slideY(Int), slideX(Int) }
    var input: Input
    var weight: Bool
    var output: Bool
    static let all = Freshness(input: .full, weight: true, output: true)
}

/// Tensor membership of dimensions (bit = `LoopDimension.rawValue`).
enum TensorMask {
    static let input: UInt8 = 0b111_1101   // N C R S Y X (R, S through the window)
    static let weight: UInt8 = 0b001_1110  // K C R S
    static func output(depthwise: Bool) -> UInt8 { depthwise ? 0b110_0111 : 0b110_0011 } // N K Y X (+C)
}

/// Evaluates a `MappingPlan` level by level: every level iterates its loop nest
/// over the chunk its parent hands it; iterations fall into cases (first,
/// steady, edge), each with an occurrence count, so the model never walks
/// individual iterations (MAESTRO's method, REFERENCES §2).
struct LevelAnalyzer {
    let plan: MappingPlan
    let hardware: AcceleratorHardware
    private var memo: [(level: Int, chunk: Extent, fresh: Freshness, result: LevelResult)] = []

    init(plan: MappingPlan, hardware: AcceleratorHardware) {
        self.plan = plan
        self.hardware = hardware
    }

    private struct Loop {
        var mask: UInt8       // dimensions that change when this loop advances
        var count: Int
        var hasEdge: Bool     // last index differs (smaller chunk or fewer units)
        var isFold: Bool
        var dim: Int
    }

    // MARK: Tensor volumes (elements) of a chunk

    @inline(__always) func inputRows(_ e: Extent) -> Int { (e[5] - 1) * plan.stride + e[3] }
    @inline(__always) func inputCols(_ e: Extent) -> Int { (e[6] - 1) * plan.stride + e[4] }
    @inline(__always) func inputVolume(_ e: Extent) -> Int { e[0] * e[2] * inputRows(e) * inputCols(e) }
    @inline(__always) func weightVolume(_ e: Extent) -> Int { e[1] * e[2] * e[3] * e[4] }
    @inline(__always) func outputVolume(_ e: Extent) -> Int { e[0] * e[1] * e[5] * e[6] * (plan.isDepthwise ? e[2] : 1) }
    /// MACs of a chunk: every point of the iteration space is one MAC, one partial sum.
    @inline(__always) func macs(_ e: Extent) -> Int { e[0] * e[1] * e[2] * e[3] * e[4] * e[5] * e[6] }

    /// New input elements of a chunk given how the input changed.
    func newInput(_ e: Extent, _ mode: Freshness.Input) -> Int {
        switch mode {
        case .unchanged: return 0
        case .full: return inputVolume(e)
        // A window that moved by `by` outputs shares all but by·stride rows with the last one.
        case .slideY(let by): return e[0] * e[2] * min(inputRows(e), by * plan.stride) * inputCols(e)
        case .slideX(let by): return e[0] * e[2] * inputRows(e) * min(inputCols(e), by * plan.stride)
        }
    }

    // MARK: Levels

    /// Costs of `level` iterating over the `parent` chunk.
    mutating func analyze(level: Int, parent: Extent, fresh: Freshness) -> LevelResult {
        if let hit = memo.first(where: { $0.level == level && $0.chunk == parent && $0.fresh == fresh }) { return hit.result }
        let result = compute(level: level, parent: parent, fresh: fresh)
        memo.append((level, parent, fresh, result))
        return result
    }

    private mutating func compute(level: Int, parent: Extent, fresh: Freshness) -> LevelResult {
        let spec = plan.levels[level]
        let units = spec.units
        var chunk = Extent(repeating: 1), count = Extent(repeating: 1), edge = Extent(repeating: 1)
        for d in 0..<7 {
            let p = parent[d], s = min(spec.size[d], p)
            chunk[d] = s
            count[d] = (p + s - 1) / s
            edge[d] = p - (count[d] - 1) * s
        }
        // Spatial dimensions advance together; their positions are dealt to units in folds.
        var spatialPositions = 1, spatialMoving: UInt8 = 0, spatialEdge: UInt8 = 0
        for d in 0..<7 where spec.spatialMask & (1 << UInt8(d)) != 0 {
            spatialPositions = max(spatialPositions, count[d])
            if count[d] > 1 { spatialMoving |= 1 << UInt8(d) }
        }
        for d in 0..<7 where spatialMoving & (1 << UInt8(d)) != 0 && count[d] == spatialPositions && edge[d] < chunk[d] {
            spatialEdge |= 1 << UInt8(d)
        }
        let folds = (spatialPositions + units - 1) / units
        let lastFoldUnits = spatialPositions - (folds - 1) * units

        var loops: [Loop] = []
        var foldLoop = -1
        var placedFold = false
        for dim in spec.order {
            let d = dim.rawValue
            if spec.spatialMask & (1 << UInt8(d)) != 0 {
                if !placedFold {
                    placedFold = true
                    if folds > 1 {
                        foldLoop = loops.count
                        loops.append(Loop(mask: spatialMoving, count: folds,
                                          hasEdge: lastFoldUnits < units || spatialEdge != 0, isFold: true, dim: d))
                    }
                }
            } else if count[d] > 1 {
                loops.append(Loop(mask: 1 << UInt8(d), count: count[d], hasEdge: edge[d] < chunk[d], isFold: false, dim: d))
            }
        }
        let loopMask = loops.reduce(UInt8(0)) { $0 | $1.mask }
        let outputMask = TensorMask.output(depthwise: plan.isDepthwise)
        // The first iteration reloads a tensor when the parent changed it, or
        // when this level walks over it (its last chunk is not its first).
        let first = Freshness(
            input: loopMask & TensorMask.input != 0 ? .full : fresh.input,
            weight: fresh.weight || loopMask & TensorMask.weight != 0,
            output: fresh.output || loopMask & outputMask != 0)

        var result = LevelResult()
        var isLast = [Bool](repeating: false, count: loops.count)
        let innermost = level == plan.levels.count - 1
        let isTop = level == 0

        // One case: loop states in `isLast`, `changing` = the loop that advanced (-1: first iteration).
        func evaluateCase(_ changing: Int, occurrences: Int, _ me: inout LevelAnalyzer) {
            var unitChunk = chunk
            for (i, loop) in loops.enumerated() where !loop.isFold && isLast[i] { unitChunk[loop.dim] = edge[loop.dim] }
            let lastFold = foldLoop < 0 || isLast[foldLoop]
            let active = lastFold ? lastFoldUnits : units
            let startPosition = lastFold ? (folds - 1) * units : 0
            var union = unitChunk
            var edgeChunk = unitChunk
            for d in 0..<7 where spatialMoving & (1 << UInt8(d)) != 0 {
                let a = min(startPosition, count[d] - 1), b = max(a + 1, min(startPosition + active, count[d]))
                union[d] = min(parent[d], b * chunk[d]) - a * chunk[d]
                if spatialEdge & (1 << UInt8(d)) != 0 { edgeChunk[d] = edge[d] }
            }
            let edgeUnits = lastFold && spatialEdge != 0 ? 1 : 0
            let fullUnits = active - edgeUnits
            let slowest = fullUnits > 0 ? unitChunk : edgeChunk

            // What changed at this iteration.
            var caseFresh = first
            if changing >= 0 {
                var changed: UInt8 = 0
                for loop in loops[changing...] { changed |= loop.mask }
                let loop = loops[changing]
                if changed & TensorMask.input == 0 {
                    caseFresh.input = .unchanged
                } else if !loop.isFold && changed & TensorMask.input == loop.mask && (loop.dim == 5 || loop.dim == 6) {
                    caseFresh.input = loop.dim == 5 ? .slideY(chunk[5]) : .slideX(chunk[6])
                } else {
                    caseFresh.input = .full
                }
                caseFresh.weight = changed & TensorMask.weight != 0
                caseFresh.output = changed & outputMask != 0
            }

            let ingress = me.newInput(union, caseFresh.input) + (caseFresh.weight ? me.weightVolume(union) : 0)
            let egress = caseFresh.output ? me.outputVolume(union) : 0
            let computeDelay: Int
            if innermost {
                computeDelay = (me.macs(slowest) + me.hardware.simdLanes - 1) / me.hardware.simdLanes
                result.macs += occurrences * (fullUnits * me.macs(unitChunk) + edgeUnits * me.macs(edgeChunk))
                result.fillInput += occurrences * (fullUnits * me.newInput(unitChunk, caseFresh.input)
                                                   + edgeUnits * me.newInput(edgeChunk, caseFresh.input))
                if caseFresh.weight {
                    result.fillWeight += occurrences * (fullUnits * me.weightVolume(unitChunk) + edgeUnits * me.weightVolume(edgeChunk))
                }
                result.peakL1 = max(result.peakL1, 2 * (me.inputVolume(unitChunk) + me.weightVolume(unitChunk) + me.macs(unitChunk)))
            } else {
                let full = fullUnits > 0 ? me.analyze(level: level + 1, parent: unitChunk, fresh: caseFresh) : LevelResult()
                let edgeResult = edgeUnits > 0 ? me.analyze(level: level + 1, parent: edgeChunk, fresh: caseFresh) : LevelResult()
                computeDelay = fullUnits > 0 ? full.runtime : edgeResult.runtime
                result.macs += occurrences * (fullUnits * full.macs + edgeUnits * edgeResult.macs)
                result.fillInput += occurrences * (fullUnits * full.fillInput + edgeUnits * edgeResult.fillInput)
                result.fillWeight += occurrences * (fullUnits * full.fillWeight + edgeUnits * edgeResult.fillWeight)
                result.peakL1 = max(result.peakL1, full.peakL1, edgeResult.peakL1)
                result.nocBandwidthRequirement = max(result.nocBandwidthRequirement, full.nocBandwidthRequirement)
            }
            let ingressDelay = me.hardware.nocDelay(ingress)
            let egressDelay = me.hardware.nocDelay(egress)
            let offchipDelay = isTop ? me.hardware.offchipDelay(ingress + egress) : 0
            // Double buffering: the first iteration waits for its data; later
            // ones overlap the next ingress and the last egress with compute.
            let delay = changing < 0
                ? max(ingressDelay, offchipDelay) + computeDelay
                : max(ingressDelay, computeDelay, egressDelay, offchipDelay)
            result.runtime += occurrences * delay
            result.ingressInput += occurrences * me.newInput(union, caseFresh.input)
            result.ingressWeight += occurrences * (caseFresh.weight ? me.weightVolume(union) : 0)
            result.egressOutput += occurrences * egress
            if isTop { result.offchip += occurrences * (ingress + egress) }
            result.nocBandwidthRequirement = max(result.nocBandwidthRequirement, Double(ingress) / Double(max(1, computeDelay)))
            if changing < 0 { result.firstIngress = ingress; result.firstEgress = egress }
        }

        // Enumerate cases: the first iteration, then for each loop j advancing
        // (inner loops reset to index 0) every last/not-last state of the loops
        // outside j that have an edge; occurrence counts multiply.
        evaluateCase(-1, occurrences: 1, &self)
        for j in loops.indices {
            func branch(_ i: Int, _ occurrences: Int, _ me: inout LevelAnalyzer) {
                if i == j {
                    let n = loops[j].count
                    if loops[j].hasEdge {
                        isLast[j] = false
                        if n > 2 { evaluateCase(j, occurrences: occurrences * (n - 2), &me) }
                        isLast[j] = true
                        evaluateCase(j, occurrences: occurrences, &me)
                        isLast[j] = false
                    } else {
                        evaluateCase(j, occurrences: occurrences * (n - 1), &me)
                    }
                    return
                }
                let n = loops[i].count
                if loops[i].hasEdge {
                    isLast[i] = false
                    branch(i + 1, occurrences * (n - 1), &me)
                    isLast[i] = true
                    branch(i + 1, occurrences, &me)
                    isLast[i] = false
                } else {
                    branch(i + 1, occurrences * n, &me)
                }
            }
            branch(0, 1, &self)
        }
        return result
    }
}
