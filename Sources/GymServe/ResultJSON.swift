import GymCampaign
import GymCore
import GymStore

/// The JSON text of results, written with `JSONText` (metrics keyed
/// `name_unit`, non-finite numbers as null).
enum ResultJSON {
    static func array(_ items: [String]) -> String {
        "[" + items.joined(separator: ", ") + "]"
    }

    static func bool(_ b: Bool) -> String { b ? "true" : "false" }

    static func number(_ v: Double?) -> String { v.map(JSONText.number) ?? "null" }

    static func text(_ s: String?) -> String { s.map(JSONText.quote) ?? "null" }

    // MARK: Environments

    static func environmentKinds(_ kinds: [EnvironmentKind]) -> String {
        array(kinds.map { k in
            JSONText.object([("name", JSONText.quote(k.name)), ("summary", JSONText.quote(k.summary)),
                             ("settings", array(k.settings.map { s in
                                 JSONText.object([("key", JSONText.quote(s.key)), ("help", JSONText.quote(s.help))])
                             }))])
        })
    }

    /// What `open` returns: the handle, the design space, the metrics and the objective.
    static func environment(handle: String, _ environment: any Environment, objective: Objective) -> String {
        JSONText.object([
            ("handle", JSONText.quote(handle)), ("environment", JSONText.quote(environment.id)),
            ("fingerprint", JSONText.quote(environment.fingerprint)),
            ("parameters", array(environment.designSpace.parameters.map(parameter))),
            ("metrics", array(environment.metricSpecs.map { m in
                JSONText.object([("name", JSONText.quote(m.name)), ("unit", JSONText.quote(m.unit)),
                                 ("key", JSONText.quote(m.key)), ("direction", JSONText.quote(m.direction.rawValue)),
                                 ("summary", JSONText.quote(m.summary))])
            })),
            ("objective", self.objective(objective)),
        ])
    }

    static func parameter(_ p: Parameter) -> String {
        var pairs = [("name", JSONText.quote(p.name))]
        switch p.domain {
        case .categorical(let choices):
            pairs += [("kind", "\"categorical\""), ("values", array(choices.map(JSONText.quote)))]
        case .ordinal(let values):
            pairs += [("kind", "\"ordinal\""), ("values", array(values.map(ParameterValue.format)))]
        case .integer(let range, let step):
            pairs += [("kind", "\"integer\""), ("low", String(range.lowerBound)), ("high", String(range.upperBound)),
                      ("step", String(step))]
        case .real(let range, let log):
            pairs += [("kind", "\"real\""), ("low", ParameterValue.format(range.lowerBound)),
                      ("high", ParameterValue.format(range.upperBound)), ("log", bool(log))]
        }
        pairs += [("default", p.defaultValue.jsonLiteral), ("summary", JSONText.quote(p.summary))]
        return JSONText.object(pairs)
    }

    static func objective(_ o: Objective) -> String {
        JSONText.object([
            ("kind", JSONText.quote(o.kind.rawValue)),
            ("terms", array(o.terms.map { t in
                JSONText.object([("metric", JSONText.quote(t.metric)), ("direction", JSONText.quote(t.direction.rawValue)),
                                 ("value", JSONText.number(t.value))])
            })),
            ("constraints", array(o.constraints.map { b in
                JSONText.object([("metric", JSONText.quote(b.metric))]
                                + (b.atMost.map { [("at_most", JSONText.number($0))] } ?? [])
                                + (b.atLeast.map { [("at_least", JSONText.number($0))] } ?? []))
            })),
            ("target_reward", number(o.targetReward)),
        ])
    }

    // MARK: Evaluations and trials

    static func evaluation(_ e: PointEvaluation) -> String {
        JSONText.object([("metrics", e.metrics.json), ("reward", number(e.reward)), ("feasible", bool(e.feasible)),
                         ("reason", text(e.reason)), ("cached", bool(e.cacheHit))])
    }

    static func trial(_ t: Trial) -> String {
        JSONText.object([("index", String(t.index)), ("metrics", t.metrics.json), ("reward", number(t.reward)),
                         ("feasible", bool(t.feasible)), ("reason", text(t.reason)), ("cached", bool(t.cacheHit))])
    }

    /// The best trial so far as `tell` and `run` report it, or null.
    static func best(_ t: Trial?) -> String {
        guard let t else { return "null" }
        return JSONText.object([("index", String(t.index)), ("reward", number(t.reward)), ("config", t.configuration.json)])
    }

    /// A logged trial as `trials` lists it: as `tell` reported it, with its configuration.
    static func logged(_ t: StoredTrial) -> String {
        JSONText.object([("index", String(t.index)), ("config", t.configurationJSON), ("metrics", t.metricsJSON),
                         ("reward", number(t.reward)), ("feasible", bool(t.feasible)), ("reason", text(t.reason))])
    }

    /// A logged trial as `best` lists it (configuration and metrics as stored).
    static func stored(_ t: StoredTrial) -> String {
        JSONText.object([("index", String(t.index)), ("config", t.configurationJSON), ("metrics", t.metricsJSON),
                         ("reward", number(t.reward))])
    }
}
