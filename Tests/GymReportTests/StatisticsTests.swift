import Testing
import GymCore
@testable import GymReport
@testable import GymNumerics

struct StatisticsTests {
    @Test func quantiles_interpolateLinearlyLikeNumpy() {
        #expect(Quantile.of(sorted: [1, 2, 3, 4], 0.25) == 1.75)
        #expect(Quantile.of(sorted: [1, 2, 3, 4], 0.5) == 2.5)
        #expect(Quantile.of(sorted: [7], 0.75) == 7)
    }

    @Test func missingValuesCountAsWorst_andHideAQuantileThatFallsOnThem() {
        #expect(Quantile.of(worstIfNil: [nil, 1, 2], 0.5) == 1)
        #expect(Quantile.of(worstIfNil: [nil, nil, 1], 0.5) == nil)
        #expect(Quantile.of(worstIfNil: [nil, 1, 2, 3], 0.25) == nil)   // interpolates with the missing one
        #expect(Quantile.of(worstIfNil: [], 0.5) == nil)
    }

    @Test func bestSoFar_isNilUntilTheFirstFeasibleTrial_thenNeverDecreases() {
        #expect(BestSoFar.curve([nil, 2, 1, nil, 5, 3]) == [nil, 2, 2, 2, 5, 5])
    }

    @Test func band_carriesASeedThatStoppedAtTheTarget_butDropsOneThatStoppedOtherwise() {
        let band = BestSoFar.band([([1, 3], true), ([0, 1, 2, 2], false), ([2], false)])
        // Trial 2: the third seed ended without reaching the target, so it drops out;
        // trials 3–4: the first seed reached the target, so its best (3) carries on.
        #expect(band.seeds == [3, 2, 2, 2])
        #expect(band.median == [1, 2, 2.5, 2.5])
    }

    @Test func ecdf_stepsAtEachTrialsToTarget_andStaysBelowOneForMisses() {
        #expect(CampaignStatistics.trialsToTarget([nil, 0.5, 1, 2], target: 1) == 3)
        #expect(CampaignStatistics.trialsToTarget([0.1], target: 1) == nil)
        let points = TrialsToTarget.ecdf([3, nil, 1, 3], horizon: 10)
        #expect(points == [LinePoint(1, 0.25), LinePoint(3, 0.75), LinePoint(10, 0.75)])
        #expect(TrialsToTarget.ecdf([], horizon: 10).isEmpty)
    }

    @Test func varianceShare_isOneForTheParameterThatDeterminesTheReward_andZeroForABalancedBystander() {
        // Full factorial a ∈ {0,1,2} × b ∈ {x,y}; reward depends on a only.
        var a: [VarianceImportance.Level] = [], b: [VarianceImportance.Level] = [], reward: [Double] = []
        for i in 0..<3 { for s in ["x", "y"] { a.append(.number(Double(i))); b.append(.text(s)); reward.append(Double(i * i)) } }
        #expect(VarianceImportance.share(levels: a, rewards: reward) == 1)
        #expect(VarianceImportance.share(levels: b, rewards: reward) == 0)
        #expect(VarianceImportance.share(levels: a, rewards: [1, 1, 1, 1, 1, 1]) == nil)
    }

    @Test func manyNumericLevels_areBinnedIntoAtMostTheMaximumNumberOfGroups() {
        let levels = (0..<100).map { VarianceImportance.Level.number(Double($0)) }
        let groups = VarianceImportance.groupIndices(levels)
        #expect(groups.count <= VarianceImportance.maximumLevels)
        #expect(groups.map(\.count).reduce(0, +) == 100)
    }

    @Test func firstFront_equalsTheFirstFrontOfTheFullNondominatedSort() {
        var rng = SplitMix64(seed: 9)
        let points = (0..<200).map { _ in [Double(rng.next() % 50), Double(rng.next() % 50)] }
        let fast = Set(FirstFront.indices(points).map { points[$0] })
        let reference = Set(Pareto.nondominatedFronts(points)[0].map { points[$0] })
        #expect(fast == reference)
    }

    @Test func boxWhiskers_stopAtTheLastValueWithinOneAndAHalfIQR() throws {
        let s = try #require(BoxSummary([1, 2, 3, 4, 5, 6, 7, 8, 100]))
        #expect(s.median == 5)
        #expect(s.q1 == 3 && s.q3 == 7)
        #expect(s.whiskerHigh == 8)
        #expect(s.whiskerLow == 1)
        #expect(s.maximum == 100)
        #expect(BoxSummary([]) == nil)
    }
}
