import Foundation
import GymCampaign
import GymCore

/// The contract every environment in the catalogue must keep (see
/// `Environment`), checked on one shipped spec. Each check returns the
/// problems it found as sentences, empty when the environment conforms, so
/// any test framework can assert on it.
///
///     let suite = try EnvironmentConformance(specPath: "environments/dram-stream.yaml")
///     #expect(suite.problems().isEmpty)
public struct EnvironmentConformance {
    public let specPath: String
    public let loader: EnvironmentLoader
    /// Configurations the checks evaluate: the default, then seeded samples.
    public let sample: [Configuration]
    /// Every spec in the same folder, for setting values seen in other specs.
    private let siblingSpecs: [EnvironmentSpec]

    public init(specPath: String, samples: Int = 3, seed: UInt64 = 1) throws {
        self.specPath = specPath
        loader = try EnvironmentLoader(path: specPath)
        let space = loader.environment.designSpace
        var rng = SplitMix64(seed: seed)
        sample = [space.defaultConfiguration] + (0..<samples).map { _ in space.sample(using: &rng) }
        let folder = URL(fileURLWithPath: specPath).deletingLastPathComponent().path
        siblingSpecs = Fixtures.specFiles(in: folder).compactMap { path in
            (try? SpecLoader.load(path)).flatMap { try? EnvironmentSpec($0, knownKinds: Catalog.current.environmentNames) }
        }
    }

    /// Every check in order.
    public func problems() throws -> [String] {
        try deterministicEvaluation() + jobCountDoesNotMatter() + metricsMatchTheirDeclaration()
            + settingsChangeTheFingerprint() + outOfDomainValuesNameTheirKey() + infeasiblePointsGiveAReason()
    }

    /// The same configuration gives the same metrics, evaluation after evaluation.
    public func deterministicEvaluation() throws -> [String] {
        try sample.compactMap { c in
            let first = try loader.environment.evaluate(c), second = try loader.environment.evaluate(c)
            return first == second ? nil : "\(c): two evaluations differ (\(first.json) vs \(second.json))"
        }
    }

    /// A random-search campaign logs the same trials on one and on two threads.
    public func jobCountDoesNotMatter(trials: Int = 8) throws -> [String] {
        func run(jobs: Int) throws -> [Trial] {
            let context = AgentContext(designSpace: loader.environment.designSpace, objective: loader.objective,
                                       seed: 3, budget: trials)
            let agent = try Catalog.current.agent(named: "random")!.make(SpecObject([:]), context).agent
            let log = MemoryTrialLog()
            _ = try CampaignRunner(environment: loader.environment, objective: loader.objective, agent: agent,
                                   budget: Budget(trials: trials), jobs: jobs, log: log).run()
            return log.trials
        }
        let one = try run(jobs: 1), two = try run(jobs: 2)
        let same = one.count == two.count && zip(one, two).allSatisfy {
            $0.configuration == $1.configuration && $0.metrics == $1.metrics && $0.reward == $1.reward
        }
        return same ? [] : ["a campaign on 1 and on 2 threads logged different trials"]
    }

    /// A feasible result carries exactly the declared metrics, keyed `name_unit`.
    public func metricsMatchTheirDeclaration() throws -> [String] {
        let declared = loader.environment.metricSpecs.map(\.key)
        var out: [String] = []
        if Set(declared).count != declared.count { out.append("metric keys repeat: \(declared)") }
        for s in loader.environment.metricSpecs where s.unit.isEmpty {
            out.append("metric \(s.name) has no unit (use \"1\" for a pure number)")
        }
        for c in sample {
            let m = try loader.environment.evaluate(c)
            guard m.feasible else { continue }
            let keys = m.values.map(\.key)
            if keys != declared { out.append("\(c): metrics \(keys) but the environment declares \(declared)") }
        }
        return out
    }

    /// Changing any setting the spec gives changes the fingerprint (so cached
    /// results from one setting never answer for another), unless the new
    /// value is rejected.
    public func settingsChangeTheFingerprint() throws -> [String] {
        let spec = loader.spec
        let base = loader.environment.fingerprint
        var out: [String] = []
        for key in spec.settings.keys {
            for value in alternatives(for: key, current: spec.settings.values[key]!) {
                guard let built = try? spec.setting(key, to: value).build(Catalog.current.environments) else { continue }
                if built.environment.fingerprint == base {
                    out.append("setting \(key) = \(value.canonicalJSON) leaves the fingerprint unchanged")
                }
            }
        }
        return out
    }

    /// A value outside a parameter's domain is rejected with that parameter's name.
    public func outOfDomainValuesNameTheirKey() throws -> [String] {
        let space = loader.environment.designSpace
        var out: [String] = []
        for p in space.parameters {
            var values = space.defaultConfiguration.dictionary
            values[p.name] = Self.outside(p.domain)
            do {
                try space.validate(Configuration(values))
                out.append("\(p.name): the out-of-domain value \(values[p.name]!.text) was accepted")
            } catch let e as SpecError {
                if e.key != p.name { out.append("\(p.name): rejected under key \(e.key ?? "none"): \(e)") }
            }
        }
        return out
    }

    /// An infeasible result says why.
    public func infeasiblePointsGiveAReason() throws -> [String] {
        try sample.compactMap { c in
            let m = try loader.environment.evaluate(c)
            return !m.feasible && (m.reason ?? "").isEmpty ? "\(c): infeasible without a reason" : nil
        }
    }

    /// A value just outside a domain.
    static func outside(_ domain: Domain) -> ParameterValue {
        switch domain {
        case .categorical(let choices): return .text(choices.joined() + "-no-such-choice")
        case .integer(let r, let step): return .int(r.upperBound + step)
        case .ordinal(let values): return .real((values.max() ?? 0) * 2 + 1)
        case .real(let r, _): return .real(r.upperBound + max(1, abs(r.upperBound)))
        }
    }

    /// Other values for a setting: numbers doubled or moved by one, booleans
    /// flipped, and whatever other shipped specs of the same kind give.
    private func alternatives(for key: String, current: SpecValue) -> [SpecValue] {
        var out: [SpecValue] = []
        switch current {
        case .number(let x): out += [.number(x * 2), .number(x + 1)]
        case .bool(let b): out.append(.bool(!b))
        default: break
        }
        for s in siblingSpecs where s.kind == loader.spec.kind {
            if let v = s.settings.values[key], v != current, !out.contains(v) { out.append(v) }
        }
        return out.filter { $0 != current }
    }
}
