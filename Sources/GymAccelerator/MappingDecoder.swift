import GymWorkloads
/// Decodes ArchGym's 17-knob MAESTRO mapping genome (GAMMA style, docs/references.md §1)
/// into a two-level directive list, deterministically.
///
/// Knobs per level (L2 = the level fed from the global buffer, L1 = inside a
/// cluster): a loop-order permutation index in [0, 720) over K, C, Y', X', R, S,
/// the parallel dimension (its directive is the level's SpatialMap), and tile
/// sizes for K, C, Y', X' (output positions), R and S (`full` = the layer's,
/// ArchGym's fixed choice, or `1`); plus the PE count. Tiles are clamped to the
/// layer (L2) and to the L2 tile (L1). The cluster holds as many PEs as the L1
/// parallel dimension has chunks inside an L2 tile (at most `pes`).
public struct MappingGenome: Sendable, Hashable {
    public struct LevelGenes: Sendable, Hashable {
        public var order: Int
        public var parallel: LoopDimension
        public var tileK: Int, tileC: Int, tileY: Int, tileX: Int
        /// Filter rows/columns per step: nil = the layer's full R (S).
        public var tileR: Int?, tileS: Int?

        public init(order: Int, parallel: LoopDimension, tileK: Int, tileC: Int, tileY: Int, tileX: Int,
                    tileR: Int? = nil, tileS: Int? = nil) {
            self.order = order
            self.parallel = parallel
            self.tileK = tileK
            self.tileC = tileC
            self.tileY = tileY
            self.tileX = tileX
            self.tileR = tileR
            self.tileS = tileS
        }
    }

    public var l2: LevelGenes
    public var l1: LevelGenes
    public var pes: Int

    public init(l2: LevelGenes, l1: LevelGenes, pes: Int) {
        self.l2 = l2
        self.l1 = l1
        self.pes = pes
    }

    /// The dimensions a loop order permutes, in the order of index 0.
    public static let orderedDimensions: [LoopDimension] = [.k, .c, .y, .x, .r, .s]

    /// The `index`-th permutation (Lehmer code, lexicographic) of `orderedDimensions`.
    public static func permutation(_ index: Int) -> [LoopDimension] {
        var pool = orderedDimensions
        var rest = ((index % 720) + 720) % 720
        var out: [LoopDimension] = []
        for place in (0..<pool.count).reversed() {
            let f = place == 0 ? 1 : (1...place).reduce(1, *)   // place! orders of the rest
            let pick = rest / f
            rest %= f
            out.append(pool.remove(at: pick))
        }
        return out
    }

    /// The directive list for `layer`.
    public func directives(for layer: Layer) -> [Directive] {
        let depthwise = layer.type == .depthwiseConv
        // Extents in the model's coordinates: output positions for Y, X; depthwise has one K.
        let extent: [LoopDimension: Int] = [.k: depthwise ? 1 : layer.k, .c: depthwise ? layer.c : layer.channelsPerGroup,
                                            .y: layer.outputY, .x: layer.outputX, .r: layer.r, .s: layer.s]
        func tiles(_ g: LevelGenes, within outer: [LoopDimension: Int]) -> [LoopDimension: Int] {
            [.k: g.tileK, .c: g.tileC, .y: g.tileY, .x: g.tileX, .r: g.tileR ?? Int.max, .s: g.tileS ?? Int.max]
                .mapValues { max(1, $0) }
                .reduce(into: [:]) { out, kv in out[kv.key] = min(kv.value, outer[kv.key]!) }
        }
        let t2 = tiles(l2, within: extent), t1 = tiles(l1, within: t2)
        func level(_ g: LevelGenes, _ t: [LoopDimension: Int]) -> [Directive] {
            MappingGenome.permutation(g.order).map { d in
                let size = DirectiveSize.literal(t[d]!)
                let dim = MappedDimension(d, isOutput: d == .y || d == .x)
                return d == g.parallel ? .spatial(size: size, offset: size, dimension: dim)
                    : .temporal(size: size, offset: size, dimension: dim)
            }
        }
        let p = l1.parallel
        let cluster = max(1, min(pes, (t2[p]! + t1[p]! - 1) / t1[p]!))
        return level(l2, t2) + [.cluster(.literal(cluster))] + level(l1, t1)
    }
}
