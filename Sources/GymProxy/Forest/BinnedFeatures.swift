/// Training features quantised into at most 256 bins per column, the trick of
/// histogram tree learners (LightGBM, scikit-learn's HistGradientBoosting):
/// a node's best split on a column is found from per-bin counts and sums in
/// one pass, with no sorting.
///
/// A column with at most `maxBins` distinct values (every one-hot and ordinal
/// knob of a design space) keeps one bin per value, so splits are exact; a
/// continuous column gets quantile cut points. Cut `k` separates bins `0...k`
/// from the rest, and `x <= thresholds[f][k]` is the same test on raw values.
struct BinnedFeatures: Sendable {
    let rowCount: Int
    let columnCount: Int
    /// Column-major bin indices: `bins[f * rowCount + i]`.
    let bins: [UInt8]
    /// Per column, ascending raw-value cut points between consecutive bins.
    let thresholds: [[Double]]

    init(rows: [[Double]], maxBins: Int = 256) {
        precondition((2...256).contains(maxBins), "maxBins in 2...256")
        rowCount = rows.count
        columnCount = rows.first?.count ?? 0
        var bins = [UInt8](repeating: 0, count: rowCount * columnCount)
        var thresholds: [[Double]] = []
        for f in 0..<columnCount {
            let column = rows.map { $0[f] }
            let cuts = BinnedFeatures.cutPoints(column, maxBins: maxBins)
            thresholds.append(cuts)
            for i in 0..<rowCount {
                bins[f * rowCount + i] = UInt8(BinnedFeatures.bin(of: column[i], cuts: cuts))
            }
        }
        self.bins = bins
        self.thresholds = thresholds
    }

    /// Midpoints between distinct values, thinned to quantiles when there are too many.
    static func cutPoints(_ column: [Double], maxBins: Int) -> [Double] {
        let finite = column.filter { !$0.isNaN }.sorted()
        var distinct: [Double] = []
        for v in finite where distinct.last != v { distinct.append(v) }
        guard distinct.count > 1 else { return [] }
        if distinct.count <= maxBins {
            return (0..<(distinct.count - 1)).map { (distinct[$0] + distinct[$0 + 1]) / 2 }
        }
        // Quantile cuts over the (non-distinct) sorted values, each placed between
        // two distinct neighbours so that no cut sits on a value.
        var cuts: [Double] = []
        for q in 1..<maxBins {
            let v = finite[q * finite.count / maxBins]
            guard let upper = distinct.firstIndex(where: { $0 > v }) else { continue }
            let cut = (distinct[upper - 1] + distinct[upper]) / 2
            if cuts.last.map({ $0 < cut }) ?? true { cuts.append(cut) }
        }
        return cuts
    }

    /// Number of cuts below `x` (NaN goes to the last bin, like the trees' `<=` test).
    static func bin(of x: Double, cuts: [Double]) -> Int {
        if x.isNaN { return cuts.count }
        var lo = 0, hi = cuts.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if cuts[mid] < x { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    func binCount(_ f: Int) -> Int { thresholds[f].count + 1 }
}
