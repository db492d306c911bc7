/// A simple, model-free parameter importance: the share of reward variance
/// explained by a parameter's per-level means (the correlation ratio η² of a
/// one-way ANOVA). Numeric parameters with many distinct values are first cut
/// into equal-count bins. Shares of different parameters need not add up to
/// one (interactions, correlated sampling); a fitted random forest proxy is a
/// better measure once one exists.
public enum VarianceImportance {
    /// A parameter value as stored: a number or a category.
    public enum Level: Hashable, Sendable, Comparable {
        case number(Double)
        case text(String)

        public static func < (a: Level, b: Level) -> Bool {
            switch (a, b) {
            case (.number(let x), .number(let y)): return x < y
            case (.text(let x), .text(let y)): return x < y
            case (.number, .text): return true
            case (.text, .number): return false
            }
        }
    }

    /// Most levels kept as they are; numeric parameters with more are binned.
    public static let maximumLevels = 12

    /// η² of `rewards` grouped by `levels` (same length), in [0, 1]; nil when
    /// there are fewer than two values or the rewards do not vary.
    public static func share(levels: [Level], rewards: [Double]) -> Double? {
        let n = min(levels.count, rewards.count)
        guard n >= 2 else { return nil }
        let groups = groupIndices(Array(levels.prefix(n)))
        let mean = rewards.prefix(n).reduce(0, +) / Double(n)
        let total = rewards.prefix(n).reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
        guard total > 0 else { return nil }
        var between = 0.0
        for members in groups {
            let m = members.reduce(0) { $0 + rewards[$1] } / Double(members.count)
            between += Double(members.count) * (m - mean) * (m - mean)
        }
        return min(1, max(0, between / total))
    }

    /// Indices grouped by level; numeric levels beyond `maximumLevels`
    /// distinct values are cut into that many equal-count bins by rank.
    static func groupIndices(_ levels: [Level]) -> [[Int]] {
        var byLevel: [Level: [Int]] = [:]
        for (i, l) in levels.enumerated() { byLevel[l, default: []].append(i) }
        let numeric = levels.allSatisfy { if case .number = $0 { return true } else { return false } }
        guard byLevel.count > maximumLevels, numeric else { return byLevel.keys.sorted().map { byLevel[$0]! } }
        // Equal-count bins over the sorted distinct values, never splitting a value.
        let sortedLevels = byLevel.keys.sorted()
        let perBin = Double(levels.count) / Double(maximumLevels)
        var bins: [[Int]] = [[]]
        var filled = 0
        for l in sortedLevels {
            let members = byLevel[l]!
            if !bins[bins.count - 1].isEmpty, Double(filled) >= perBin * Double(bins.count) { bins.append([]) }
            bins[bins.count - 1] += members
            filled += members.count
        }
        return bins
    }
}
