/// Trials-to-target and its empirical CDF across seeds (Hansen et al.'s
/// run-length distributions, as in COCO/Bayesmark reporting); the count
/// itself is `CampaignStatistics.trialsToTarget`.
public enum TrialsToTarget {
    /// Step points of the ECDF: fraction of `runs` that reached the target
    /// within x trials, from x = 1 to `horizon`. Runs that never reached it
    /// keep the curve below 1.
    public static func ecdf(_ runs: [Int?], horizon: Int) -> [LinePoint] {
        guard !runs.isEmpty else { return [] }
        let n = Double(runs.count)
        let reached = runs.compactMap { $0 }.sorted()
        var k = reached.filter { $0 <= 1 }.count
        var points = [LinePoint(1, Double(k) / n)]
        for (i, t) in reached.enumerated() where t > 1 {
            if i + 1 < reached.count, reached[i + 1] == t { continue }
            k = i + 1
            points.append(LinePoint(Double(t), Double(k) / n))
        }
        if Double(max(1, horizon)) > points[points.count - 1].x {
            points.append(LinePoint(Double(horizon), Double(k) / n))
        }
        return points
    }
}
