import GymCore

/// Mapping constraints of one storage level, as Timeloop's architecture
/// constraints write them (docs/references.md §3): loops a level may not hold
/// (`factors: [N=1, ...]`), a fixed temporal loop order (`permutation`,
/// innermost first) and, for the spatial fanout below the level, the
/// dimensions that may not be spread and the split of the fanout into a
/// `meshX` × `meshY` array (`split`: the permutation's first `split`
/// dimensions run along X, the rest along Y).
///
/// Only factors of 1 (loop forbidden here) are supported; Timeloop's fixed
/// factors above 1 are not.
public struct LevelConstraints: Sendable, Hashable {
    /// Dimensions whose temporal loop at this level must be 1.
    public var temporalForbidden: Set<ProblemDimension>
    /// Temporal order, innermost first (Timeloop's `permutation`); unlisted
    /// dimensions sit outside the listed ones. Nil: any order.
    public var permutation: [ProblemDimension]?
    /// Dimensions that may not be spread over this level's fanout.
    public var spatialForbidden: Set<ProblemDimension>
    /// Dimensions spread along X (at most `StorageLevel.meshX` ways in
    /// product); the others along Y (at most fanout / meshX). Nil: one axis.
    public var spatialX: Set<ProblemDimension>?

    public init(temporalForbidden: Set<ProblemDimension> = [], permutation: [ProblemDimension]? = nil,
                spatialForbidden: Set<ProblemDimension> = [], spatialX: Set<ProblemDimension>? = nil) {
        self.temporalForbidden = temporalForbidden
        self.permutation = permutation
        self.spatialForbidden = spatialForbidden
        self.spatialX = spatialX
    }

    public static let none = LevelConstraints()

    public var isNone: Bool { self == .none }

    /// The fixed order as `Mapping.order` writes it (outermost first), or nil.
    public var order: [ProblemDimension]? {
        guard let permutation else { return nil }
        return ProblemDimension.allCases.filter { !permutation.contains($0) } + permutation.reversed()
    }

    /// Spatial capacity left for `d` given the factors already placed:
    /// the room on `d`'s axis.
    func spatialRoom(for d: ProblemDimension, in spatial: LoopExtents, level: StorageLevel) -> Int {
        if spatialForbidden.contains(d) { return 1 }
        guard let xs = spatialX else { return level.fanout / max(1, spatial.product) }
        let onX = xs.contains(d)
        let used = ProblemDimension.allCases.filter { xs.contains($0) == onX }.reduce(1) { $0 * spatial[$1] }
        let axis = onX ? level.meshX : level.fanout / level.meshX
        return axis / max(1, used)
    }

    /// Why the loops of `level` break these constraints, or nil.
    func violation(temporal: LoopExtents, spatial: LoopExtents, order: [ProblemDimension], level: StorageLevel) -> String? {
        if let d = ProblemDimension.allCases.first(where: { temporalForbidden.contains($0) && temporal[$0] > 1 }) {
            return "\(level.name) may not hold a temporal \(d.letter) loop"
        }
        if let d = ProblemDimension.allCases.first(where: { spatialForbidden.contains($0) && spatial[$0] > 1 }) {
            return "\(level.name) may not spread \(d.letter) over its fanout"
        }
        if let xs = spatialX {
            let x = ProblemDimension.allCases.filter { xs.contains($0) }.reduce(1) { $0 * spatial[$1] }
            let y = spatial.product / x
            if x > level.meshX || y > level.fanout / level.meshX {
                return "\(level.name) spreads \(x)×\(y) over a \(level.meshX)×\(level.fanout / level.meshX) array"
            }
        }
        if let fixed = self.order {
            let used = order.filter { temporal[$0] > 1 }
            if used != fixed.filter({ temporal[$0] > 1 }) {
                return "\(level.name) loop order must follow its permutation \(permutation!.map(\.letter).joined())"
            }
        }
        return nil
    }
}
