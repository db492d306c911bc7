import GymCore
import GymStore

/// Campaigns that can share a figure: same environment fingerprint and the
/// same objective, so their rewards are on one scale.
public struct CampaignGroup: Sendable {
    public var environment: String
    public var fingerprint: String
    public var objective: Objective
    public var metrics: [MetricSpec]
    public var parameters: [ParameterColumn]
    public var campaigns: [CampaignData]
    /// A short unique id for figure file names (`hartmann6-v1`, `hartmann6-v1-2`).
    public var slug: String
    /// The environment, plus the objective kind when another group has the same environment.
    public var label: String

    /// Groups campaigns in order of first appearance.
    public static func group(_ campaigns: [CampaignData]) -> [CampaignGroup] {
        var groups: [CampaignGroup] = []
        for c in campaigns {
            let r = c.record
            if let i = groups.firstIndex(where: { $0.fingerprint == r.fingerprint && $0.objective == r.objective }) {
                groups[i].campaigns.append(c)
            } else {
                let base = SVGText.slug(r.environment)
                let taken = groups.filter { $0.environment == r.environment }.count
                groups.append(CampaignGroup(environment: r.environment, fingerprint: r.fingerprint, objective: r.objective,
                                            metrics: r.metrics, parameters: r.parameters, campaigns: [c],
                                            slug: taken == 0 ? base : "\(base)-\(taken + 1)", label: r.environment))
            }
        }
        for i in groups.indices where groups.filter({ $0.environment == groups[i].environment }).count > 1 {
            let same = groups[..<i].filter { $0.environment == groups[i].environment && $0.objective.kind == groups[i].objective.kind }
            groups[i].label = "\(groups[i].environment), \(groups[i].objective.kind.rawValue)" + (same.isEmpty ? "" : " #\(same.count + 1)")
        }
        return groups
    }

    /// Agent names in order of first appearance.
    public var agents: [String] {
        var out: [String] = []
        for c in campaigns where !out.contains(c.record.agent) { out.append(c.record.agent) }
        return out
    }

    public func campaigns(of agent: String) -> [CampaignData] {
        campaigns.filter { $0.record.agent == agent }
    }

    /// Distinct hyperparameter settings of `agent` (canonical JSON), in order of first appearance.
    public func settings(of agent: String) -> [String] {
        var out: [String] = []
        for c in campaigns(of: agent) where !out.contains(c.setting) { out.append(c.setting) }
        return out
    }

    /// The reward axis of this group's objective.
    public var axis: RewardAxis { RewardAxis(objective: objective, metrics: metrics) }

    /// Distinct environment spec files of the campaigns, in order of first appearance.
    public var specFiles: [String] {
        var out: [String] = []
        for c in campaigns { if let f = c.record.environmentSpecFile, !out.contains(f) { out.append(f) } }
        return out
    }

    /// Length of the longest campaign.
    public var horizon: Int { campaigns.map(\.trials.count).max() ?? 0 }
}
