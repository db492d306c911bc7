import GymCore

extension TrialStore {
    /// The Pareto front of a stored campaign as its writer recorded it: rebuilt
    /// batch by batch from the logged trials, so that the reference point is
    /// fixed by the same first feasible batch as in the uninterrupted run.
    public func paretoArchive(of campaign: CampaignRecord) throws -> ParetoArchive {
        let logged = try storedTrials(of: campaign.id).map { s in
            Trial(index: s.index, batch: s.batch, configuration: Configuration([:]),
                  metrics: try decodeMetrics(s.metricsJSON, specs: campaign.metrics, feasible: s.environmentFeasible, reason: nil),
                  reward: s.reward, reason: s.reason, cacheHit: s.cacheHit, evalSeconds: s.evalSeconds)
        }
        var archive = ParetoArchive(reference: campaign.objective.reference)
        var start = 0
        while start < logged.count {
            var end = start
            while end < logged.count, logged[end].batch == logged[start].batch { end += 1 }
            archive.add(Array(logged[start..<end]), objective: campaign.objective)
            start = end
        }
        return archive
    }
}
