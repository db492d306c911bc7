import Foundation
import GymCore
import Testing
@testable import GymProxy
@testable import GymSynthetic

struct ForestTests {
    static func branin(_ x1: Double, _ x2: Double) -> Double {
        let b = 5.1 / (4 * Double.pi * Double.pi), c = 5 / Double.pi, t = 1 / (8 * Double.pi)
        return pow(x2 - b * x1 * x1 + c * x1 - 6, 2) + 10 * (1 - t) * cos(x1) + 10
    }

    /// Branin on a 41 × 41 grid over [-5, 10] × [0, 15]; tested between the
    /// grid points (a shifted 20 × 20 grid the forest never saw).
    @Test func forestFitsBranin_heldOutR2AboveNinetyEightPercent() {
        var grid: [[Double]] = []
        for i in 0...40 { for j in 0...40 { grid.append([-5 + 15 * Double(i) / 40, 15 * Double(j) / 40]) } }
        let forest = RandomForest.fit(rows: grid, targets: grid.map { Self.branin($0[0], $0[1]) },
                                      settings: .init(trees: 32, maxFeatures: 1), seed: 3)
        var test: [[Double]] = []
        for i in 0..<20 {
            for j in 0..<20 { test.append([-5 + 15 * (Double(i) + 0.37) / 20, 15 * (Double(j) + 0.61) / 20]) }
        }
        let accuracy = Accuracy(measured: test.map { Self.branin($0[0], $0[1]) }, predicted: test.map(forest.predict))
        // Branin spans 0.4...308 here; the bound leaves room for the piecewise-constant fit.
        #expect(accuracy.r2 > 0.98)
        #expect(accuracy.rmse < 8)
    }

    /// Training MSE averaged over 6 seeds does not rise as trees are added
    /// (1, 4, 16, 64): averaging bootstrap trees only removes variance.
    @Test func moreTrees_neverRaiseAverageTrainingError() {
        var rng = SplitMix64(seed: 11)
        let rows = (0..<300).map { _ in [rng.nextUnit(), rng.nextUnit(), rng.nextUnit()] }
        let y = rows.map { sin(6 * $0[0]) + $0[1] * $0[2] + 0.3 * (rng.nextUnit() - 0.5) }
        let counts = [1, 4, 16, 64]
        let errors = counts.map { trees -> Double in
            (0..<6).map { seed -> Double in
                let f = RandomForest.fit(rows: rows, targets: y, settings: .init(trees: trees, minSamplesLeaf: 3), seed: UInt64(seed))
                return zip(rows, y).reduce(0) { $0 + pow(f.predict($1.0) - $1.1, 2) } / Double(rows.count)
            }.reduce(0, +) / 6
        }
        for k in 1..<counts.count { #expect(errors[k] <= errors[k - 1], "trees \(counts[k]): \(errors[k]) vs \(errors[k - 1])") }
    }

    @Test func sameSeed_sameForestBitForBit_whateverTheThreadCount() {
        var rng = SplitMix64(seed: 5)
        let rows = (0..<200).map { _ in [rng.nextUnit(), Double(rng.next() % 4)] }
        let y = rows.map { $0[0] * $0[1] }
        let a = RandomForest.fit(rows: rows, targets: y, settings: .init(trees: 8), seed: 9, jobs: 1)
        let b = RandomForest.fit(rows: rows, targets: y, settings: .init(trees: 8), seed: 9, jobs: 2)
        let c = RandomForest.fit(rows: rows, targets: y, settings: .init(trees: 8), seed: 10, jobs: 1)
        #expect(a == b)
        #expect(a != c)
    }

    /// One tree on all rows (no bootstrap) reproduces a step function exactly.
    @Test func singleTreeWithoutBootstrap_learnsAStepExactly() {
        let rows = (0..<50).map { [Double($0)] }
        let y = rows.map { $0[0] < 17 ? 2.0 : 5.0 }
        let f = RandomForest.fit(rows: rows, targets: y, settings: .init(trees: 1, maxFeatures: 1, bootstrap: false), seed: 0)
        #expect(f.trees[0].leafCount == 2)
        #expect(f.predict([16]) == 2 && f.predict([17]) == 5 && f.predict([16.6]) == 5)
    }

    @Test func depthAndLeafLimits_areRespected() {
        var rng = SplitMix64(seed: 2)
        let rows = (0..<400).map { _ in [rng.nextUnit(), rng.nextUnit()] }
        let y = rows.map { $0[0] + rng.nextUnit() }
        let shallow = RandomForest.fit(rows: rows, targets: y, settings: .init(trees: 4, maxDepth: 3), seed: 1)
        #expect(shallow.trees.allSatisfy { $0.depth <= 3 && $0.leafCount <= 8 })
        let leafy = RandomForest.fit(rows: rows, targets: y, settings: .init(trees: 1, minSamplesLeaf: 50, bootstrap: false), seed: 1)
        #expect(leafy.trees[0].leafCount <= 400 / 50)
    }

    /// Cut points sit between distinct values, so the raw `<=` test and the
    /// bins agree; more distinct values than bins get quantile cuts.
    @Test func binning_agreesWithRawThresholds() {
        let column = (0..<1000).map { Double($0 % 300) * 0.5 }
        let cuts = BinnedFeatures.cutPoints(column, maxBins: 64)
        #expect(cuts.count <= 63 && cuts.count > 50)
        #expect(zip(cuts, cuts.dropFirst()).allSatisfy { $0 < $1 })
        for x in column { for (k, cut) in cuts.enumerated() { #expect((BinnedFeatures.bin(of: x, cuts: cuts) <= k) == (x <= cut)) } }
    }
}
