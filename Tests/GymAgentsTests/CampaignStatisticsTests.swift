import Testing
import GymCore
import GymNumerics

@Test func quantilesInterpolateBetweenOrderStatistics() throws {
    let s = try #require(CampaignStatistics.summary([5, 1, 4, 2, 3]))
    #expect(s.min == 1 && s.max == 5 && s.median == 3)
    #expect(s.lowerQuartile == 2 && s.upperQuartile == 4 && s.interquartileRange == 2)
    #expect(CampaignStatistics.quantile([1, 2], 0.25) == 1.25)
    #expect(CampaignStatistics.median([4, 1, 3, 2]) == 2.5)
    #expect(CampaignStatistics.median([]).isNaN)
    #expect(CampaignStatistics.summary([]) == nil)
}

@Test func bestSoFarSkipsInfeasibleTrialsAndNeverDecreases() {
    let curve = CampaignStatistics.bestSoFar([nil, 1, nil, 3, 2, 5])
    #expect(curve == [nil, 1, 1, 3, 3, 5])
}

@Test func trialsToTargetCountsFromOneAndIsNilWhenNeverReached() {
    #expect(CampaignStatistics.trialsToTarget([0.1, nil, 0.9, 1.0], target: 0.9) == 3)
    #expect(CampaignStatistics.trialsToTarget([0.1, nil], target: 0.9) == nil)
}

@Test func normalisedScoreIsZeroAtOptimumAndOneAtRandom() throws {
    // Maximised rewards: optimum 10, random median 6.
    #expect(CampaignStatistics.normalizedScore(median: 10, randomMedian: 6, optimum: 10) == 0)
    #expect(CampaignStatistics.normalizedScore(median: 6, randomMedian: 6, optimum: 10) == 1)
    #expect(CampaignStatistics.normalizedScore(median: 8, randomMedian: 6, optimum: 10) == 0.5)
    #expect(try #require(CampaignStatistics.normalizedScore(median: 4, randomMedian: 6, optimum: 10)) > 1)
    #expect(CampaignStatistics.bayesmarkScore(median: 8, randomMedian: 6, optimum: 10) == 50)
    #expect(CampaignStatistics.normalizedScore(median: 8, randomMedian: 10, optimum: 10) == nil)
}

@Test func ecdfCountsFractionAtOrBelow() {
    let f = CampaignStatistics.ecdf([3, 1, 2, 2])
    #expect(f(0) == 0 && f(1) == 0.25 && f(2) == 0.75 && f(2.5) == 0.75 && f(3) == 1)
    #expect(f.steps.map(\.value) == [1, 2, 3])
    #expect(f.steps.map(\.fraction) == [0.25, 0.75, 1])
}

@Test func bestSoFarBandsSummariseEachTrialAcrossCampaigns() throws {
    let bands = CampaignStatistics.bestSoFarBands([[1, 3, 2], [nil, 2], [5]])
    #expect(bands.count == 3)
    #expect(bands[0]?.count == 2 && bands[0]?.min == 1 && bands[0]?.max == 5)
    #expect(bands[1]?.count == 2 && bands[1]?.median == 2.5)  // best-so-far 3 and 2 at trial 2
    #expect(bands[2]?.count == 1 && bands[2]?.median == 3)
}
