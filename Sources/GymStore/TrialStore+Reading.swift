import GymCore

/// One logged trial as stored, before it is turned back into typed values.
public struct StoredTrial: Sendable {
    public var index: Int
    public var batch: Int
    public var configurationJSON: String
    public var metricsJSON: String
    public var reward: Double?
    public var feasible: Bool
    /// The environment's own verdict (objective constraints aside).
    public var environmentFeasible: Bool
    public var reason: String?
    public var evalSeconds: Double
    public var cacheHit: Bool
}

extension TrialStore {
    /// A campaign's trials in index order, as stored.
    public func storedTrials(of campaignID: String) throws -> [StoredTrial] {
        let s = try db.prepare("""
            SELECT trial_index, batch, config_json, metrics_json, reward, feasible, env_feasible, reason, eval_seconds, cache_hit
            FROM dsegym_trials WHERE campaign_id = ? ORDER BY trial_index
            """)
        s.bind(1, campaignID)
        var out: [StoredTrial] = []
        while try s.step() {
            out.append(StoredTrial(index: s.int(0), batch: s.int(1), configurationJSON: s.text(2)!, metricsJSON: s.text(3)!,
                                   reward: s.double(4), feasible: s.int(5) != 0, environmentFeasible: s.int(6) != 0,
                                   reason: s.text(7), evalSeconds: s.double(8) ?? 0, cacheHit: s.int(9) != 0))
        }
        return out
    }

    /// A campaign's trials as typed values, configurations decoded against
    /// `space` (so that an integer stays an integer) — what resume re-tells.
    public func trials(of campaign: CampaignRecord, space: DesignSpace) throws -> [Trial] {
        try storedTrials(of: campaign.id).map { s in
            Trial(index: s.index, batch: s.batch,
                  configuration: try decodeConfiguration(s.configurationJSON, space: space),
                  metrics: try decodeMetrics(s.metricsJSON, specs: campaign.metrics, feasible: s.environmentFeasible,
                                             reason: s.environmentFeasible ? nil : s.reason),
                  reward: s.reward, reason: s.reason, cacheHit: s.cacheHit, evalSeconds: s.evalSeconds)
        }
    }

    /// Every evaluation logged for an environment fingerprint (any campaign),
    /// keyed by configuration hash: the runner's cache, so no design point is
    /// ever evaluated twice in one database.
    public func cachedEvaluations(fingerprint: String, metrics specs: [MetricSpec]) throws -> [UInt64: CachedEvaluation] {
        let s = try db.prepare("""
            SELECT config_hash, config_json, metrics_json, env_feasible, reason
            FROM dsegym_trials WHERE env_fingerprint = ? AND cache_hit = 0
            """)
        s.bind(1, fingerprint)
        var out: [UInt64: CachedEvaluation] = [:]
        while try s.step() {
            guard let hash = UInt64(s.text(0)!, radix: 16) else { continue }
            let feasible = s.int(3) != 0
            let metrics = try decodeMetrics(s.text(2)!, specs: specs, feasible: feasible, reason: feasible ? nil : s.text(4))
            out[hash] = CachedEvaluation(configurationJSON: s.text(1)!, metrics: metrics)
        }
        return out
    }

    func decodeConfiguration(_ json: String, space: DesignSpace) throws -> Configuration {
        var values: [String: ParameterValue] = [:]
        for (name, raw) in try storedMembers(json, "configuration") {
            guard let text = raw.scalarText else {
                throw StoreError(.corrupt, path: path, "stored configuration has \(raw.canonicalJSON) for \(name): \(json.prefix(200))")
            }
            guard let p = space.parameter(named: name), let v = p.domain.parse(text) else {
                throw ResumeConflict("stored value '\(text)' of \(name) does not fit the environment's design space; was the environment changed?")
            }
            values[name] = v
        }
        return Configuration(values)
    }

    func decodeMetrics(_ json: String, specs: [MetricSpec], feasible: Bool, reason: String?) throws -> Metrics {
        let byKey = Dictionary(specs.map { ($0.key, $0) }, uniquingKeysWith: { a, _ in a })
        let values = try storedMembers(json, "metrics").map { key, raw -> Metric in
            let value: Double
            if case .number(let d) = raw { value = d } else { value = .nan }
            if let spec = byKey[key] { return Metric(spec.name, spec.unit, value) }
            return Metric(key, "1", value)
        }
        return Metrics(values, feasible: feasible, reason: reason)
    }

    /// A stored JSON object's members; malformed text is a damaged database.
    func storedMembers(_ json: String, _ what: String) throws -> [(key: String, value: SpecValue)] {
        do { return try StoredJSON.members(json) } catch {
            throw StoreError(.corrupt, path: path, "stored \(what) is not a JSON object (\(error)): \(json.prefix(200))")
        }
    }
}
