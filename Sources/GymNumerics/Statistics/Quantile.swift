/// Sample quantiles (Hyndman & Fan type 7, numpy's and R's default: linear
/// interpolation between order statistics).
public enum Quantile {
    /// The `p`-quantile of `sorted` (ascending, non-empty).
    public static func of(sorted: [Double], _ p: Double) -> Double {
        precondition(!sorted.isEmpty)
        return CampaignStatistics.quantile(sorted: sorted, p)
    }

    /// The `p`-quantile when a nil value means "worse than any number" (a
    /// seed with no feasible trial yet): nil when the quantile falls on or
    /// interpolates with such a value. `values` need not be sorted.
    public static func of(worstIfNil values: [Double?], _ p: Double) -> Double? {
        guard !values.isEmpty else { return nil }
        let missing = values.count - values.compactMap { $0 }.count
        let sorted = values.compactMap { $0 }.sorted()
        let h = Double(values.count - 1) * p
        let lo = Int(h.rounded(.down)), hi = min(lo + 1, values.count - 1)
        guard lo >= missing else { return nil }
        let a = sorted[lo - missing], b = sorted[hi - missing]
        return a + (h - Double(lo)) * (b - a)
    }
}

/// Five-number summary with Tukey whiskers (most extreme values within
/// 1.5 IQR of the box), for box plots.
public struct BoxSummary: Hashable, Sendable {
    public var count: Int
    public var minimum, q1, median, q3, maximum: Double
    public var whiskerLow, whiskerHigh: Double

    /// nil for an empty sample.
    public init?(_ values: [Double]) {
        let sorted = values.filter(\.isFinite).sorted()
        guard let first = sorted.first, let last = sorted.last else { return nil }
        count = sorted.count
        minimum = first
        maximum = last
        q1 = Quantile.of(sorted: sorted, 0.25)
        median = Quantile.of(sorted: sorted, 0.5)
        q3 = Quantile.of(sorted: sorted, 0.75)
        let low = q1 - 1.5 * (q3 - q1), high = q3 + 1.5 * (q3 - q1)
        whiskerLow = sorted.first { $0 >= low } ?? first
        whiskerHigh = sorted.last { $0 <= high } ?? last
    }
}
