/// Pareto-front utilities for multi-objective search. Every objective vector is
/// to be **minimised** (see `Objective.objectiveVector`).
public enum Pareto {
    /// Whether `a` dominates `b`: no worse everywhere, strictly better somewhere.
    public static func dominates(_ a: [Double], _ b: [Double]) -> Bool {
        var strictly = false
        for (x, y) in zip(a, b) {
            if x > y { return false }
            if x < y { strictly = true }
        }
        return strictly
    }

    /// Fast non-dominated sort (Deb et al. 2002): indices of `points` by front,
    /// front 0 first. O(M·N²).
    public static func nondominatedFronts(_ points: [[Double]]) -> [[Int]] {
        let n = points.count
        var dominatedBy = [[Int]](repeating: [], count: n)
        var dominationCount = [Int](repeating: 0, count: n)
        var fronts: [[Int]] = [[]]
        for p in 0..<n {
            for q in 0..<n where p != q {
                if dominates(points[p], points[q]) { dominatedBy[p].append(q) }
                else if dominates(points[q], points[p]) { dominationCount[p] += 1 }
            }
            if dominationCount[p] == 0 { fronts[0].append(p) }
        }
        var i = 0
        while !fronts[i].isEmpty {
            var next: [Int] = []
            for p in fronts[i] {
                for q in dominatedBy[p] {
                    dominationCount[q] -= 1
                    if dominationCount[q] == 0 { next.append(q) }
                }
            }
            i += 1
            fronts.append(next)
        }
        fronts.removeLast()
        return fronts
    }

    /// Crowding distance of each point of one front (boundary points: infinity).
    public static func crowdingDistances(_ points: [[Double]]) -> [Double] {
        let n = points.count
        guard n > 2 else { return [Double](repeating: .infinity, count: n) }
        var distance = [Double](repeating: 0, count: n)
        for m in 0..<points[0].count {
            let order = (0..<n).sorted { points[$0][m] < points[$1][m] }
            let lo = points[order[0]][m], hi = points[order[n - 1]][m]
            distance[order[0]] = .infinity
            distance[order[n - 1]] = .infinity
            guard hi > lo else { continue }
            for k in 1..<(n - 1) {
                distance[order[k]] += (points[order[k + 1]][m] - points[order[k - 1]][m]) / (hi - lo)
            }
        }
        return distance
    }

    /// Hypervolume dominated by `points` and bounded by `reference` (all
    /// minimised), exact for 1, 2 and 3 objectives; points not strictly better
    /// than the reference contribute nothing.
    public static func hypervolume(_ points: [[Double]], reference: [Double]) -> Double {
        let inside = points.filter { p in zip(p, reference).allSatisfy { $0 < $1 } }
        guard !inside.isEmpty else { return 0 }
        switch reference.count {
        case 1: return reference[0] - inside.map { $0[0] }.min()!
        case 2: return hypervolume2D(inside, reference)
        case 3: return hypervolume3D(inside, reference)
        default: preconditionFailure("hypervolume supports 1 to 3 objectives")
        }
    }

    private static func hypervolume2D(_ points: [[Double]], _ ref: [Double]) -> Double {
        let sorted = points.sorted { $0[0] != $1[0] ? $0[0] < $1[0] : $0[1] < $1[1] }
        var volume = 0.0
        var bestY = ref[1]
        for p in sorted where p[1] < bestY {
            volume += (ref[0] - p[0]) * (bestY - p[1])
            bestY = p[1]
        }
        return volume
    }

    /// Slices along the third objective: each slab between consecutive z values
    /// is the 2-D hypervolume of the points at or below it.
    private static func hypervolume3D(_ points: [[Double]], _ ref: [Double]) -> Double {
        let sorted = points.sorted { $0[2] < $1[2] }
        var volume = 0.0
        for (i, p) in sorted.enumerated() {
            let nextZ = i + 1 < sorted.count ? sorted[i + 1][2] : ref[2]
            guard nextZ > p[2] else { continue }
            let slab = hypervolume2D(sorted[0...i].map { [$0[0], $0[1]] }, [ref[0], ref[1]])
            volume += slab * (nextZ - p[2])
        }
        return volume
    }
}
