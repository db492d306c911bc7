import Foundation
import GymCore

/// A random forest of regression trees (Breiman 2001), as ArchGym's proxy
/// uses one per output (docs/references.md §1): each tree grows on a bootstrap
/// sample with a random subset of columns tried per split; the prediction is
/// the mean of the trees.
///
///     let forest = RandomForest.fit(rows: xs, targets: ys, settings: .init(), seed: 1)
///     let y = forest.predict([0.3, 1, 0])
///
/// Deterministic: tree `t` draws from `SplitMix64(seed: seed).derived(t)`,
/// so the result does not depend on how many threads grow the trees.
public struct RandomForest: Codable, Hashable, Sendable {
    public struct Settings: Codable, Hashable, Sendable {
        public var trees: Int
        public var maxDepth: Int
        public var minSamplesLeaf: Int
        /// Fraction of the columns tried per split (at least one). The default 1
        /// (every column; randomness from the bootstrap only) is scikit-learn's
        /// and measured best on the DRAM and accelerator logs.
        public var maxFeatures: Double
        /// Grow each tree on a bootstrap sample (else on all rows).
        public var bootstrap: Bool
        /// Histogram bins per column (exact splits up to this many distinct values).
        public var maxBins: Int

        public init(trees: Int = 64, maxDepth: Int = 32, minSamplesLeaf: Int = 1, maxFeatures: Double = 1,
                    bootstrap: Bool = true, maxBins: Int = 256) {
            self.trees = trees
            self.maxDepth = maxDepth
            self.minSamplesLeaf = minSamplesLeaf
            self.maxFeatures = maxFeatures
            self.bootstrap = bootstrap
            self.maxBins = maxBins
        }

        enum CodingKeys: String, CodingKey {
            case trees, maxDepth = "max_depth", minSamplesLeaf = "min_samples_leaf", maxFeatures = "max_features"
            case bootstrap, maxBins = "max_bins"
        }
    }

    public var settings: Settings
    public var featureCount: Int
    public var trees: [RegressionTree]

    /// Fits a forest on `jobs` threads.
    public static func fit(rows: [[Double]], targets: [Double], settings: Settings, seed: UInt64, jobs: Int = 1) -> RandomForest {
        precondition(rows.count == targets.count && !rows.isEmpty, "one target per row, at least one row")
        let data = BinnedFeatures(rows: rows, maxBins: settings.maxBins)
        let columns = data.columnCount
        let perSplit = max(1, min(columns, Int((settings.maxFeatures * Double(columns)).rounded(.up))))
        let grower = TreeGrower(data: data, targets: targets, limits: .init(
            maxDepth: settings.maxDepth, minSamplesLeaf: max(1, settings.minSamplesLeaf), featuresPerSplit: perSplit))
        let root = SplitMix64(seed: seed)
        let n = rows.count
        let trees = ParallelMap.indices(settings.trees, jobs: jobs) { t -> RegressionTree in
            var rng = root.derived(UInt64(t))
            let sample: [Int32] = settings.bootstrap
                ? (0..<n).map { _ in Int32(rng.next() % UInt64(n)) }
                : (0..<n).map { Int32($0) }
            return grower.grow(sample: sample, rng: &rng)
        }
        return RandomForest(settings: settings, featureCount: columns, trees: trees)
    }

    /// Mean of the trees' predictions.
    public func predict(_ x: [Double]) -> Double {
        var sum = 0.0
        for tree in trees { sum += tree.predict(x) }
        return sum / Double(trees.count)
    }

    /// True when every tree reads only columns the forest was trained on.
    public var isConsistent: Bool {
        !trees.isEmpty && trees.allSatisfy { $0.feature.allSatisfy { $0 < Int32(featureCount) } }
    }
}
