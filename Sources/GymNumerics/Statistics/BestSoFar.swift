import GymCore
/// Best-so-far curves: for one campaign, the best reward among its first
/// `t` trials; across seeds, the median and interquartile range at each `t`.
public enum BestSoFar {
    /// `curve[t-1]` = best reward among trials 1...t, nil while none is feasible.
    public static func curve(_ rewards: [Double?]) -> [Double?] {
        CampaignStatistics.bestSoFar(rewards.map { $0.flatMap { $0.isFinite ? $0 : nil } })
    }

    /// Median and quartiles across seeds of best-so-far, per trial count.
    public struct Band: Sendable {
        /// Trial counts 1...n.
        public var trials: [Double]
        public var median: [Double?]
        public var q25: [Double?]
        public var q75: [Double?]
        /// Seeds contributing at each trial count.
        public var seeds: [Int]
    }

    /// Aggregates campaigns of one agent. At trial count `t` a campaign
    /// counts if it logged at least `t` trials, or if it stopped early because
    /// it reached the target (its best then stays what it was). A seed
    /// without a feasible trial yet counts as worse than every value, so the
    /// median is nil (no value) while more than half of the seeds have none.
    public static func band(_ campaigns: [(rewards: [Double?], reachedTarget: Bool)]) -> Band {
        let curves = campaigns.map { (curve: curve($0.rewards), carry: $0.reachedTarget) }
        let length = curves.map(\.curve.count).max() ?? 0
        var band = Band(trials: [], median: [], q25: [], q75: [], seeds: [])
        for t in 0..<length {
            var values: [Double?] = []
            for c in curves {
                if t < c.curve.count { values.append(c.curve[t]) }
                else if c.carry, let last = c.curve.last { values.append(last) }
            }
            band.trials.append(Double(t + 1))
            band.median.append(Quantile.of(worstIfNil: values, 0.5))
            band.q25.append(Quantile.of(worstIfNil: values, 0.25))
            band.q75.append(Quantile.of(worstIfNil: values, 0.75))
            band.seeds.append(values.count)
        }
        return band
    }
}
