/// Per-dimension integers, indexed by `LoopDimension.rawValue` (lane 7 unused, kept 1).
typealias Extent = SIMD8<Int>

/// A dataflow resolved for one layer and one PE count: per level, the chunk
/// size and offset of every dimension in the model's coordinates (output
/// positions for Y, X), which dimensions are spatial, the loop order and how
/// many sub-units the level has.
struct MappingPlan: Sendable {
    struct Level: Sendable {
        /// Requested chunk per dimension; `Int.max` = the whole parent chunk.
        var size: Extent
        /// Spatial dimensions (bit `d`).
        var spatialMask: UInt8
        /// Mapped dimensions outer to inner; the spatial ones share one fold
        /// loop, placed at the first spatial directive.
        var order: [LoopDimension]
        var units: Int
    }

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
                             layer.outputY, layer.outputX, 1)

        // Split at Cluster(n).
        var groups: [[Directive]] = [[]]
        var clusterSizes: [Int] = []
        for d in directives {
            if case .cluster(let n) = d {
                clusterSizes.append(max(1, n.value(in: layer)))
                groups.append([])
            } else {
                groups[groups.count - 1].append(d)
            }
        }
        // Units per level: clusters are filled from the innermost level out;
        // a cluster larger than the PEs left is clamped to them.
        var remaining = max(1, pes)
        var units = [Int](repeating: 1, count: groups.count)
        for i in Swift.stride(from: groups.count - 1, through: 1, by: -1) {
            units[i] = min(clusterSizes[i - 1], remaining)
            remaining /= units[i]
        }
        units[0] = max(1, remaining)

        // The filter chunk each level sees, for converting input-row maps.
        var rChunk = layer.r, sChunk = layer.s
        levels = []
        for (index, group) in groups.enumerated() {
            var size = Extent(repeating: Int.max)
            var mapped = Set<LoopDimension>()
            var order: [LoopDimension] = []
            var spatial: UInt8 = 0
            for case .spatial(let sz, _, let md) in group where md.dimension == .r { rChunk = min(layer.r, sz.value(in: layer)) }
            for case .temporal(let sz, _, let md) in group where md.dimension == .r { rChunk = min(layer.r, sz.value(in: layer)) }
            for case .spatial(let sz, _, let md) in group where md.dimension == .s { sChunk = min(layer.s, sz.value(in: layer)) }
            for case .temporal(let sz, _, let md) in group where md.dimension == .s { sChunk = min(layer.s, sz.value(in: layer)) }
            for directive in group {
                let (sz, off, md, isSpatial): (DirectiveSize, DirectiveSize, MappedDimension, Bool)
                switch directive {
                case .spatial(let s, let o, let m): (sz, off, md, isSpatial) = (s, o, m, true)
                case .temporal(let s, let o, let m): (sz, off, md, isSpatial) = (s, o, m, false)
                case .cluster: continue
                }
                let d = md.dimension
                guard mapped.insert(d).inserted else {
                    throw MappingRejection("level \(index + 1) maps \(d.letter) twice (covers it twice); map each dimension at most once per level")
                }
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
                    throw MappingRejection("level \(index + 1): \(directive) \(what) (offset \(offset) vs chunk \(chunk) in \(md.isOutput || (d != .y && d != .x) ? "" : "output ")positions); use an offset equal to the size")
                }
                size[d.rawValue] = chunk
                order.append(d)
                if isSpatial { spatial |= 1 << UInt8(d.rawValue) }
            }
            guard spatial != 0 else {
                throw MappingRejection("level \(index + 1) has no SpatialMap; every level needs one to spread work over its \(units[index]) units")
            }
            if index == 0 && !mapped.contains(.n) {
                // Unmapped batch/rows at the top stream one at a time innermost,
                // so whatever the dataflow keeps stationary stays put.
                size[LoopDimension.n.rawValue] = 1
                order.append(.n)
            }
            levels.append(Level(size: size, spatialMask: spatial, order: order, units: units[index]))
        }
    }
}

/// Why a dataflow cannot map a layer; `reason` says what to change.
public struct MappingRejection: Error, CustomStringConvertible, Sendable, Equatable {
    public var reason: String
    public init(_ reason: String) { self.reason = reason }
    public var description: String { reason }
}
