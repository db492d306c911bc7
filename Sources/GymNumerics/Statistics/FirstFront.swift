import GymCore

/// The non-dominated points of a set (all objectives minimised) in
/// O(N log N + N·F) time, for fronts of many thousand trials where
/// `Pareto.nondominatedFronts` (O(M·N²), all fronts) would be too slow.
public enum FirstFront {
    /// Indices of `points` that no other point dominates, in ascending order
    /// of the first objective (duplicates of a front point are all kept once).
    public static func indices(_ points: [[Double]]) -> [Int] {
        let order = points.indices.sorted { a, b in
            points[a].lexicographicallyPrecedes(points[b])
        }
        var front: [Int] = []
        for i in order {
            let p = points[i]
            // Sorted lexicographically, so no later point dominates an earlier one.
            if front.contains(where: { Pareto.dominates(points[$0], p) || points[$0] == p }) { continue }
            front.append(i)
        }
        return front
    }
}
