import GymCore
/// Pure statistics for comparing campaigns (`dsegym compare`, `dsegym sweep`):
/// quantiles, best-so-far curves, trials-to-target, Bayesmark-style
/// normalised scores and empirical CDFs. No I/O, no state.
///
/// Rewards are **maximised** everywhere in DSEGym (see `Objective`), and these
/// helpers keep that convention: "best" is the largest reward.
///
///     let s = CampaignStatistics.summary([3, 1, 2, 5, 4])   // median 3, q1 2, q3 4
///     let curve = CampaignStatistics.bestSoFar([1, nil, 3, 2])  // [1, 1, 3, 3]
public enum CampaignStatistics {
    /// Five-number summary of a sample plus its size.
    public struct Summary: Hashable, Sendable, Codable {
        public var count: Int
        public var min: Double
        public var lowerQuartile: Double
        public var median: Double
        public var upperQuartile: Double
        public var max: Double

        /// Interquartile range, `upperQuartile − lowerQuartile`.
        public var interquartileRange: Double { upperQuartile - lowerQuartile }
    }

    /// The `p`-quantile (0 ≤ p ≤ 1) of `values` by linear interpolation between
    /// order statistics (Hyndman & Fan type 7, the default of R and NumPy).
    /// NaN for an empty sample.
    public static func quantile(_ values: [Double], _ p: Double) -> Double {
        quantile(sorted: values.sorted(), p)
    }

    /// `quantile` on an already ascending-sorted sample.
    public static func quantile(sorted values: [Double], _ p: Double) -> Double {
        guard !values.isEmpty else { return .nan }
        let h = Swift.max(0, Swift.min(1, p)) * Double(values.count - 1)
        let lo = Int(h.rounded(.down))
        let hi = Swift.min(lo + 1, values.count - 1)
        return values[lo] + (h - Double(lo)) * (values[hi] - values[lo])
    }

    /// The median (the 0.5-quantile); NaN when empty.
    public static func median(_ values: [Double]) -> Double { quantile(values, 0.5) }

    /// Min, quartiles, median and max; nil for an empty sample.
    public static func summary(_ values: [Double]) -> Summary? {
        guard !values.isEmpty else { return nil }
        let s = values.sorted()
        return Summary(count: s.count, min: s[0], lowerQuartile: quantile(sorted: s, 0.25),
                       median: quantile(sorted: s, 0.5), upperQuartile: quantile(sorted: s, 0.75),
                       max: s[s.count - 1])
    }

    /// Best reward after each trial, in trial order. Infeasible trials (nil)
    /// keep the previous best; entries stay nil until the first feasible trial.
    public static func bestSoFar(_ rewards: [Double?]) -> [Double?] {
        var best: Double?
        return rewards.map { r in
            if let r, best.map({ r > $0 }) ?? true { best = r }
            return best
        }
    }

    /// Across several campaigns (e.g. one per seed), the summary of their
    /// best-so-far rewards after each trial: element `i` summarises trial
    /// `i + 1` over the campaigns that ran that long and had a feasible trial
    /// by then (nil when none had). Plot its median with the quartiles as the band.
    public static func bestSoFarBands(_ campaigns: [[Double?]]) -> [Summary?] {
        let curves = campaigns.map(bestSoFar)
        let length = curves.map(\.count).max() ?? 0
        return (0..<length).map { i in summary(curves.compactMap { i < $0.count ? $0[i] : nil }) }
    }

    /// Number of trials (1-based: the first trial counts as 1) until a reward
    /// reaches `target` (≥), or nil when it never does.
    public static func trialsToTarget(_ rewards: [Double?], target: Double) -> Int? {
        rewards.firstIndex { ($0 ?? -.infinity) >= target }.map { $0 + 1 }
    }

    /// Bayesmark-style normalised score `(median − opt) / (randomMedian − opt)`.
    ///
    /// Sign convention: DSEGym rewards are maximised, so `optimum` is the
    /// largest achievable reward and both numerator and denominator are ≤ 0
    /// for sensible inputs; their ratio is the agent's remaining gap to the
    /// optimum as a fraction of random search's gap. **0 means the agent's
    /// median reached the optimum, 1 means it did as well as random search,
    /// above 1 worse than random, below 0 only if `optimum` was not the
    /// true best.** Lower is better. (The formula is symmetric in the sign of
    /// the reward, so it equals Bayesmark's on the loss `−reward`.)
    /// Returns nil when random search's median already equals the optimum.
    public static func normalizedScore(median: Double, randomMedian: Double, optimum: Double) -> Double? {
        let gap = randomMedian - optimum
        guard gap != 0, gap.isFinite else { return nil }
        return (median - optimum) / gap
    }

    /// Bayesmark's reported form, `100 × (1 − normalizedScore)`: 100 at the
    /// optimum, 0 at random search's level. Higher is better.
    public static func bayesmarkScore(median: Double, randomMedian: Double, optimum: Double) -> Double? {
        normalizedScore(median: median, randomMedian: randomMedian, optimum: optimum).map { 100 * (1 - $0) }
    }

    /// The empirical distribution function of a sample.
    public struct ECDF: Hashable, Sendable {
        /// The sample, ascending.
        public let sorted: [Double]

        public init(_ values: [Double]) { sorted = values.sorted() }

        /// Fraction of the sample ≤ `x` (0 for an empty sample).
        public func callAsFunction(_ x: Double) -> Double {
            guard !sorted.isEmpty else { return 0 }
            var lo = 0, hi = sorted.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if sorted[mid] <= x { lo = mid + 1 } else { hi = mid }
            }
            return Double(lo) / Double(sorted.count)
        }

        /// The step points `(value, fraction ≤ value)`, one per distinct value.
        public var steps: [(value: Double, fraction: Double)] {
            var out: [(value: Double, fraction: Double)] = []
            for (i, v) in sorted.enumerated() where i + 1 == sorted.count || sorted[i + 1] != v {
                out.append((v, Double(i + 1) / Double(sorted.count)))
            }
            return out
        }
    }

    /// The ECDF of `values`.
    public static func ecdf(_ values: [Double]) -> ECDF { ECDF(values) }
}
