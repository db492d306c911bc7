/// One step of a mapping's top level: the box of the layer the active units
/// hold together (model coordinates, `LoopDimension` order), what of it is
/// new, the step's delay and the model's traffic for it.
struct TopLevelStep {
    var start: Extent
    var size: Extent
    var fresh: Freshness
    var delay: Int
    /// New input + weight elements and output elements, as the cost model counts them.
    var modelIngress: Int
    var modelEgress: Int
}

/// Walks the top level of a `MappingPlan` iteration by iteration, in the
/// model's loop order (outermost loop first, the fold loop of the spatial
/// dimensions where the first spatial directive stands). The model itself
/// never walks iterations (it counts cases, docs/references.md §2); each step
/// here is costed by the model's own case evaluation, so the steps' delays and
/// traffic add up to the model's runtime and off-chip traffic.
struct TopLevelWalker {
    private var analyzer: LevelAnalyzer
    private let nest: LevelAnalyzer.Nest
    private var index: [Int]

    init(plan: MappingPlan, hardware: AcceleratorHardware, subClusterReuse: Bool) {
        analyzer = LevelAnalyzer(plan: plan, hardware: hardware, subClusterReuse: subClusterReuse)
        nest = analyzer.makeNest(level: 0, parent: plan.layerExtent, fresh: .all)
        index = Array(repeating: 0, count: nest.loopCount)
    }

    /// The first step (every loop at index 0).
    mutating func first() -> TopLevelStep {
        index = Array(repeating: 0, count: nest.loopCount)
        return step(changing: -1)
    }

    /// The next step, or nil after the last.
    mutating func next() -> TopLevelStep? {
        var j = nest.loopCount - 1
        while j >= 0 {
            index[j] += 1
            if index[j] < nest.loopLength[j] { break }
            index[j] = 0
            j -= 1
        }
        return j < 0 ? nil : step(changing: j)
    }

    private mutating func step(changing: Int) -> TopLevelStep {
        // The model's case: the edge loops at their last index.
        var isLast: UInt8 = 0
        for i in 0..<nest.loopCount where index[i] == nest.loopLength[i] - 1 && nest.loopHasEdge & (1 << UInt8(i)) != 0 {
            isLast |= 1 << UInt8(i)
        }
        var cost = LevelResult()
        analyzer.evaluateCase(nest, changing: changing, isLast: isLast, occurrences: 1, into: &cost)

        // Where the box lies: temporal loops at index × chunk (the last one
        // an edge chunk); spatial dimensions from the fold's first unit, over
        // its active units (the model's union, clipped to the parent).
        var start = Extent(repeating: 0), size = nest.chunk
        for i in 0..<nest.loopCount where i != nest.foldLoop {
            let d = nest.loopDim[i]
            start[d] = index[i] * nest.chunk[d]
            size[d] = index[i] == nest.loopLength[i] - 1 ? nest.edge[d] : nest.chunk[d]
        }
        let fold = nest.foldLoop >= 0 ? index[nest.foldLoop] : 0
        let active = fold == nest.folds - 1 ? nest.lastFoldUnits : nest.units
        let position = fold * nest.units
        for d in 0..<LoopDimension.allCases.count where nest.spatialMoving & (1 << UInt8(d)) != 0 {
            let a = min(position, nest.count[d] - 1), b = max(a + 1, min(position + active, nest.count[d]))
            start[d] = a * nest.chunk[d]
            size[d] = min(nest.parent[d], b * nest.chunk[d]) - start[d]
        }
        return TopLevelStep(start: start, size: size, fresh: analyzer.freshness(nest, changing: changing), delay: cost.runtime,
                            modelIngress: cost.ingressInput + cost.ingressWeight, modelEgress: cost.egressOutput)
    }
}
