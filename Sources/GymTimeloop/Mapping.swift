import GymCore

/// Where a layer's loops run on an architecture: per storage level, temporal
/// factors and their order, and spatial factors across that level's fanout
/// (its children). Which tensors each level keeps is the architecture's
/// keep/bypass set.
///
/// As a loop nest, outermost first: for each level from main memory down,
/// its temporal loops in `order`, then its spatial loops. A level holds the
/// tile spanned by its own loops and everything below them.
public struct Mapping: Sendable, Hashable {
    public var temporal: [LoopExtents]
    public var spatial: [LoopExtents]
    /// Per level, dimensions outermost first (every dimension once).
    public var order: [[ProblemDimension]]

    public init(temporal: [LoopExtents], spatial: [LoopExtents], order: [[ProblemDimension]]) {
        self.temporal = temporal
        self.spatial = spatial
        self.order = order
    }

    /// Every loop at the outermost level: the trivial legal mapping.
    public static func allAtTop(_ problem: LoopProblem, levels: Int) -> Mapping {
        var temporal = [LoopExtents](repeating: .ones, count: levels)
        temporal[levels - 1] = problem.bounds
        return Mapping(temporal: temporal, spatial: [LoopExtents](repeating: .ones, count: levels),
                       order: [[ProblemDimension]](repeating: ProblemDimension.allCases, count: levels))
    }

    /// One loop of the flattened nest.
    struct Loop {
        var dim: Int
        var factor: Int
        var level: Int
        var isSpatial: Bool
    }

    /// Non-trivial loops, outermost first.
    func loops() -> [Loop] {
        var out: [Loop] = []
        out.reserveCapacity(24)
        for l in stride(from: temporal.count - 1, through: 0, by: -1) {
            for d in order[l] where temporal[l][d] > 1 {
                out.append(Loop(dim: d.rawValue, factor: temporal[l][d], level: l, isSpatial: false))
            }
            for d in 0..<8 where spatial[l][d] > 1 {
                out.append(Loop(dim: d, factor: spatial[l][d], level: l, isSpatial: true))
            }
        }
        return out
    }

    /// Timeloop-style text, one line per level, e.g.
    /// `DRAM: K4 C2 | shared_glb: P13 spatial Q13 K1`.
    public func describe(_ levelNames: [String]) -> String {
        var parts: [String] = []
        for l in stride(from: temporal.count - 1, through: 0, by: -1) {
            var loops = order[l].filter { temporal[l][$0] > 1 }.map { "\($0.letter)\(temporal[l][$0])" }
            let space = ProblemDimension.allCases.filter { spatial[l][$0] > 1 }.map { "\($0.letter)\(spatial[l][$0])" }
            if !space.isEmpty { loops.append("spatial " + space.joined(separator: " ")) }
            if !loops.isEmpty { parts.append("\(levelNames[l]): " + loops.joined(separator: " ")) }
        }
        return parts.isEmpty ? "(single iteration)" : parts.joined(separator: " | ")
    }
}
