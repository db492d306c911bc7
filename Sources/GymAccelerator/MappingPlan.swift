import GymWorkloads
/// Per-dimension integers, indexed by `LoopDimension.rawValue` (lane 7 is the BMM batch B).
typealias Extent = SIMD8<Int>

/// A dataflow resolved for one layer and one PE count: per level, the chunk
/// size of every dimension in the model's coordinates (output positions for Y,
/// X), which dimensions are spatial, the loop order and how many sub-units the
/// level has. Offsets are checked here (a chunk that does not cover its whole
/// dimension must move by exactly its size), so the analysis needs only sizes.
///
/// Depthwise layers have K = 1 and index outputs by C. Grouped convolutions
/// are modelled with C = C/groups per output channel: MACs are exact, but
/// output channels of different groups appear to share their inputs.
struct MappingPlan: Sendable {
    struct Level: Sendable {
        /// Requested chunk per dimension; `Int.max` = the whole parent chunk.
        var size: Extent
        /// Spatial dimensions (bit `d`).
        var spatialMask: UInt8
        /// Mapped dimensions (raw values) outer to inner, `orderCount` of them;
        /// the spatial ones share one fold loop, placed at the first spatial directive.
        var order: Extent
        var orderCount: Int
        var units: Int
    }

    /// At most this many levels (`Cluster` directives + 1).
    static let maxLevels = 8

    var levels: [Level]
    /// Layer extents in model coordinates (depthwise: K = 1, C = channels).
    var layerExtent: Extent
    var stride: Int
    var isDepthwise: Bool

    /// Resolves `directives` for `layer` on `pes` PEs.
    /// - Throws: `MappingRejection` when the directives cannot describe a
    ///   mapping of this layer (a dimension mapped twice in a level, a level
    ///   without a SpatialMap, chunks that overlap or leave gaps).
    init(directives: [Directive], layer: Layer, pes: Int) throws {
        isDepthwise = layer.type == .depthwiseConv
        stride = layer.stride
        let channels = isDepthwise ? layer.c : layer.channelsPerGroup
        layerExtent = Extent(layer.n, isDepthwise ? 1 : layer.k, channels, layer.r, layer.s,
                             layer.outputY, layer.outputX, layer.batch)

        // Levels are separated by Cluster(n).
        var clusterSizes = Extent(repeating: 1)
        var levelCount = 1
        for case .cluster(let n) in directives {
            guard levelCount < MappingPlan.maxLevels else {
                throw MappingRejection("more than \(MappingPlan.maxLevels - 1) Cluster directives")
            }
            clusterSizes[levelCount - 1] = max(1, n.value(in: layer))
            levelCount += 1
        }
        // Units per level: clusters are filled from the innermost level out;
        // a cluster larger than the PEs left is clamped to them.
        var remaining = max(1, pes)
        var units = Extent(repeating: 1)
        for i in Swift.stride(from: levelCount - 1, through: 1, by: -1) {
            units[i] = min(clusterSizes[i - 1], remaining)
            remaining /= units[i]
        }
        units[0] = max(1, remaining)

        // The filter chunk each level sees, for converting input-row maps.
        var rChunk = layer.r, sChunk = layer.s
        // The chunk a level receives when no edge is involved, for checking spatial maps.
        var nominalParent = layerExtent
        levels = []
        levels.reserveCapacity(levelCount)
        var start = 0
        for index in 0..<levelCount {
            var end = start
            while end < directives.count, !directives[end].isCluster { end += 1 }
            defer { start = end + 1 }
            for directive in directives[start..<end] {
                guard let (sz, _, md, _) = directive.mapParts else { continue }
                if md.dimension == .r { rChunk = min(layer.r, sz.value(in: layer)) }
                if md.dimension == .s { sChunk = min(layer.s, sz.value(in: layer)) }
            }
            var size = Extent(repeating: Int.max)
            var mapped: UInt8 = 0
            var order = Extent(repeating: 0), orderCount = 0
            var spatial: UInt8 = 0
            for directive in directives[start..<end] {
                guard let (sz, off, md, isSpatial) = directive.mapParts else { continue }
                let d = md.dimension
                let bit: UInt8 = 1 << UInt8(d.rawValue)
                guard mapped & bit == 0 else {
                    throw MappingRejection("level \(index + 1) maps \(d.letter) twice (covers it twice); map each dimension at most once per level")
                }
                mapped |= bit
                var chunk = sz.value(in: layer), offset = off.value(in: layer)
                if (d == .y || d == .x) && !md.isOutput {
                    // Input rows → output rows: a window of `chunk` rows over a
                    // filter chunk yields (chunk - filter)/stride + 1 outputs; an
                    // offset moves offset/stride outputs, at least one (MAESTRO's
                    // CONV1 figure steps once per output with offset 1, stride 2).
                    let filter = d == .y ? rChunk : sChunk
                    let full = d == .y ? layer.y : layer.x
                    guard chunk >= filter || chunk >= full else {
                        throw MappingRejection("level \(index + 1): a \(d.letter) chunk of \(chunk) rows is smaller than the filter chunk \(filter), so it computes no output")
                    }
                    chunk = chunk >= full ? Int.max : (chunk - filter) / layer.stride + 1
                    offset = max(1, offset / layer.stride)
                }
                let extent = layerExtent[d.rawValue]
                if chunk < extent && offset != chunk {
                    let what = offset < chunk ? "covers part of \(d.letter) twice" : "leaves part of \(d.letter) uncovered"
                    let positions = md.isOutput || (d != .y && d != .x) ? "" : "output "
                    throw MappingRejection("level \(index + 1): \(directive) \(what) (offset \(offset) vs chunk \(chunk) in \(positions)positions); use an offset equal to the size")
                }
                size[d.rawValue] = chunk
                order[orderCount] = d.rawValue
                orderCount += 1
                if isSpatial { spatial |= bit }
            }
            guard spatial != 0 else {
                throw MappingRejection("level \(index + 1) has no SpatialMap; every level needs one to spread work over its \(units[index]) units")
            }
            // Spatial maps in one level advance together (unit i takes chunk i of
            // each, as rs's Y and R do); two that split into different numbers of
            // chunks would pair them up wrongly, so such a level is rejected.
            var split: (dimension: LoopDimension, chunks: Int)?
            for d in LoopDimension.allCases where spatial & (1 << UInt8(d.rawValue)) != 0 {
                let parent = nominalParent[d.rawValue], chunk = min(size[d.rawValue], parent)
                let n = (parent + chunk - 1) / chunk
                guard n > 1 else { continue }
                if let a = split, a.chunks != n {
                    throw MappingRejection("level \(index + 1): spatial maps split \(a.dimension.letter) into \(a.chunks) chunks but \(d.letter) into \(n); spatial maps in one level move together, so they must split into the same number of chunks (or one must cover its dimension whole)")
                }
                split = (d, n)
            }
            nominalParent = pointwiseMin(size, nominalParent)
            if index == 0 && mapped & 1 == 0 {
                // Unmapped batch/rows at the top stream one at a time innermost,
                // so whatever the dataflow keeps stationary stays put.
                size[LoopDimension.n.rawValue] = 1
                order[orderCount] = LoopDimension.n.rawValue
                orderCount += 1
            }
            if index == 0 && mapped & (1 << 7) == 0 && layerExtent[LoopDimension.b.rawValue] > 1 {
                // An unmapped BMM batch runs one element after another,
                // outermost: every tensor changes with it, so nothing inside
                // could be kept across it (docs/references.md §10).
                size[LoopDimension.b.rawValue] = 1
                for i in Swift.stride(from: orderCount, to: 0, by: -1) { order[i] = order[i - 1] }
                order[0] = LoopDimension.b.rawValue
                orderCount += 1
            }
            levels.append(Level(size: size, spatialMask: spatial, order: order, orderCount: orderCount, units: units[index]))
        }
    }
}

extension Directive {
    var isCluster: Bool {
        if case .cluster = self { return true }
        return false
    }

    /// Size, offset, dimension and whether spatial, for map directives.
    var mapParts: (DirectiveSize, DirectiveSize, MappedDimension, Bool)? {
        switch self {
        case .spatial(let s, let o, let d): return (s, o, d, true)
        case .temporal(let s, let o, let d): return (s, o, d, false)
        case .cluster: return nil
        }
    }
}

/// Why a dataflow cannot map a layer; `reason` says what to change.
public struct MappingRejection: Error, CustomStringConvertible, Sendable, Equatable {
    public var reason: String
    public init(_ reason: String) { self.reason = reason }
    public var description: String { reason }
}
