import GymCore

/// NASAIC's comparison (docs/references.md §5) on a `codesign` environment:
///
/// - **successive**: NAS first — for every task the most accurate network of
///   the space, whatever the hardware — then the best ASIC for those fixed
///   networks (a campaign over the hardware parameters alone);
/// - **co-exploration**: one campaign over networks and hardware jointly.
///
/// Both campaigns use the same agent, trial budget and seed and maximise
/// `nasaic_reward` (whatever the spec's own objective), so "best" means: meets
/// the specs with the highest weighted accuracy, or else violates them least.
public struct CodesignBaseline: Sendable {
    /// The best design a flow found, with what the comparison reports.
    public struct Outcome: Sendable {
        public var configuration: Configuration?
        public var metrics: Metrics?
        public var violations: [String]
        public var trials: Int

        public var meetsSpecs: Bool { metrics != nil && violations.isEmpty }

        /// `{"meets_specs": .., "violations": [..], "latency_cycles": .., "energy_nJ": .., "area_um2": .., "accuracy": ..}`.
        public var json: String {
            func value(_ key: String) -> String { metrics?[key].map(JSONText.number) ?? "null" }
            return JSONText.object([
                ("meets_specs", meetsSpecs ? "true" : "false"),
                ("violations", "[" + violations.map(JSONText.quote).joined(separator: ", ") + "]"),
                ("latency_cycles", value("latency_cycles")),
                ("energy_nJ", value("energy_nJ")),
                ("area_um2", value("area_um2")),
                ("accuracy", value("accuracy")),
            ])
        }
    }

    public let environment: CodesignEnvironment
    /// The space searched (the environment's, or a spec's narrowing of it).
    public let designSpace: DesignSpace
    public let agent: AgentKind
    public let hyperparameters: SpecObject
    public let trials: Int
    public let seed: UInt64
    public let jobs: Int

    /// `maximize nasaic_reward`, the objective of both campaigns.
    public let objective: Objective

    /// - Throws: `SpecError` when `environment` is not a `codesign` environment.
    public init(environment: any Environment, agent: AgentKind, hyperparameters: SpecObject = SpecObject([:]),
                trials: Int, seed: UInt64, jobs: Int = 1) throws {
        let base = (environment as? ScopedEnvironment)?.base ?? environment
        guard let codesign = base as? CodesignEnvironment else {
            throw SpecError(key: "environment", "codesign-baseline needs a 'codesign' environment, not '\(environment.id)'")
        }
        self.environment = codesign
        objective = try Objective(spec: SpecObject(["kind": .string("maximize"), "metric": .string("nasaic_reward")]),
                                  metrics: codesign.metricSpecs)
        designSpace = environment.designSpace
        self.agent = agent
        self.hyperparameters = hyperparameters
        self.trials = trials
        self.seed = seed
        self.jobs = jobs
    }

    /// Per task, the most accurate network the space allows (ties: fewer
    /// MACs, then enumeration order), as prefixed parameter values.
    public func mostAccurateNetworks() -> [String: ParameterValue] {
        var out: [String: ParameterValue] = [:]
        for family in environment.tasks {
            let params = family.choices.compactMap { designSpace.parameter(named: family.parameterName($0.name)) }
            let narrowed = DesignSpace(params.map { p in
                var q = p
                q.name = String(p.name.dropFirst(family.name.count + 1))
                return q
            })
            var best: (choice: Configuration, accuracy: Double, macs: Int)?
            for choice in narrowed.enumerate(limit: 10_000_000) ?? [narrowed.defaultConfiguration] {
                let accuracy = environment.accuracy(of: family, choice: choice).value
                if let b = best, accuracy < b.accuracy { continue }
                let macs = family.workload(choice).macs
                if let b = best, accuracy == b.accuracy, macs >= b.macs { continue }
                best = (choice, accuracy, macs)
            }
            for (name, value) in zip(best!.choice.names, best!.choice.values) {
                out[family.parameterName(name)] = value
            }
        }
        return out
    }

    /// NAS first, then the best hardware for the chosen networks.
    public func successive() throws -> Outcome {
        var space = designSpace
        for (name, value) in mostAccurateNetworks() {
            space.narrow(name, to: space.parameter(named: name)!.domain.only(value))
            space.setDefault(name, value)
        }
        return try campaign(on: space)
    }

    /// Networks and hardware searched jointly.
    public func coexploration() throws -> Outcome { try campaign(on: designSpace) }

    func campaign(on space: DesignSpace) throws -> Outcome {
        let env = RestrictedEnvironment(base: environment, designSpace: space)
        let context = AgentContext(designSpace: space, objective: objective, seed: seed, budget: trials)
        let (agent, _) = try self.agent.make(hyperparameters, context)
        let runner = CampaignRunner(environment: env, objective: objective, agent: agent,
                                    budget: Budget(trials: trials), jobs: jobs, log: DiscardingTrialLog())
        let outcome = try runner.run()
        guard let best = outcome.best else {
            return Outcome(configuration: nil, metrics: nil,
                           violations: ["no feasible design in \(outcome.totalTrials) trials"], trials: outcome.totalTrials)
        }
        var values: [String: Double] = [:]
        for m in best.metrics.values { values[m.key] = m.value }
        return Outcome(configuration: best.configuration, metrics: best.metrics,
                       violations: environment.specs.violations(values).map(\.description), trials: outcome.totalTrials)
    }
}

/// The co-design environment searched over part of its space.
struct RestrictedEnvironment: Environment {
    let base: CodesignEnvironment
    let designSpace: DesignSpace
    var id: String { base.id }
    var metricSpecs: [MetricSpec] { base.metricSpecs }
    var fingerprint: String { base.fingerprint }
    func evaluate(_ configuration: Configuration) throws -> Metrics { try base.evaluate(configuration) }
}

extension Domain {
    /// The domain reduced to one of its values.
    func only(_ value: ParameterValue) -> Domain {
        switch self {
        case .categorical: return .categorical([value.text])
        case .integer: return .integer(Int(value.number!)...Int(value.number!), step: 1)
        case .ordinal, .real: return .ordinal([value.number!])
        }
    }
}
