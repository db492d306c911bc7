import GymCore

/// Every agent DSEGym ships, by the name presets and `--agent` use.
/// A new agent is one file plus one line here.
public enum AgentCatalog {
    public static let all: [AgentKind] = [
        RandomSearch.kind,
        RandomWalker.kind,
        GeneticAlgorithm.kind,
        BayesianOptimizer.kind,
        AntColony.kind,
        NSGA2.kind,
        PolicyGradient.kind,
        TreeParzenEstimator.kind,
    ]

    public static var names: [String] { all.map(\.name) }

    public static func kind(named name: String) -> AgentKind? {
        all.first { $0.name == name }
    }
}
