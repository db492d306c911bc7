/// The environment families and agents that specs and `--agent` may name.
///
/// A value, not a global: DSEGym's own catalog is `Catalog.standard` (in
/// GymCampaign); a downstream package copies it, registers its own kinds and
/// hands the result to the loaders (or to `DSEGym.main(catalog:)`):
///
///     var catalog = Catalog.standard
///     try catalog.register(MyCacheEnvironment.kind)
public struct Catalog: Sendable {
    public private(set) var environments: [EnvironmentKind] = []
    public private(set) var agents: [AgentKind] = []

    public init(environments: [EnvironmentKind] = [], agents: [AgentKind] = []) {
        // A duplicate in a list written in code is a programming error.
        for kind in environments {
            precondition(environment(named: kind.name) == nil, "environment \(kind.name) listed twice")
            self.environments.append(kind)
        }
        for kind in agents {
            precondition(agent(named: kind.name) == nil, "agent \(kind.name) listed twice")
            self.agents.append(kind)
        }
    }

    /// Adds an environment family; a name already taken is an error, so a
    /// downstream kind can never silently replace a shipped one.
    public mutating func register(_ kind: EnvironmentKind) throws {
        guard environment(named: kind.name) == nil else {
            throw SpecError(key: "environment", "'\(kind.name)' is already registered")
        }
        environments.append(kind)
    }

    /// Adds an agent kind; a name already taken is an error.
    public mutating func register(_ kind: AgentKind) throws {
        guard agent(named: kind.name) == nil else {
            throw SpecError(key: "agent", "'\(kind.name)' is already registered")
        }
        agents.append(kind)
    }

    public func environment(named name: String) -> EnvironmentKind? { environments.first { $0.name == name } }
    public func agent(named name: String) -> AgentKind? { agents.first { $0.name == name } }
    public var environmentNames: [String] { environments.map(\.name) }
    public var agentNames: [String] { agents.map(\.name) }
}
