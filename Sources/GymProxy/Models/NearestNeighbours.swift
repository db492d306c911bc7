/// k-nearest-neighbour regression on standardised features: the simplest
/// proxy, a baseline the forest and GP must beat. Prediction is the mean
/// target of the `k` closest training rows (Euclidean; ties broken by row
/// order, so it is deterministic). O(n) per prediction.
public struct NearestNeighbours: Codable, Hashable, Sendable {
    public var k: Int
    public var rows: [[Double]]
    public var targets: [Double]
    public var mean: [Double]
    public var scale: [Double]

    public static func fit(rows: [[Double]], targets: [Double], k: Int) -> NearestNeighbours {
        let d = rows.first?.count ?? 0
        let n = Double(rows.count)
        let mean = (0..<d).map { j in rows.reduce(0) { $0 + $1[j] } / n }
        let scale = (0..<d).map { j -> Double in
            let v = rows.reduce(0) { $0 + ($1[j] - mean[j]) * ($1[j] - mean[j]) } / n
            return v > 1e-24 ? v.squareRoot() : 1
        }
        let standard = rows.map { r in (0..<d).map { (r[$0] - mean[$0]) / scale[$0] } }
        return NearestNeighbours(k: max(1, min(k, rows.count)), rows: standard, targets: targets, mean: mean, scale: scale)
    }

    public func predict(_ x: [Double]) -> Double {
        let z = x.indices.map { (x[$0] - mean[$0]) / scale[$0] }
        var best: [(distance: Double, index: Int)] = []
        for (i, r) in rows.enumerated() {
            var d = 0.0
            for j in z.indices { let t = r[j] - z[j]; d += t * t }
            if best.count < k || d < best[best.count - 1].distance {
                let at = best.firstIndex { $0.distance > d } ?? best.count
                best.insert((d, i), at: at)
                if best.count > k { best.removeLast() }
            }
        }
        return best.reduce(0) { $0 + targets[$1.index] } / Double(best.count)
    }
}
