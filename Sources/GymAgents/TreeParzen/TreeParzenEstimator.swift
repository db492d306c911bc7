import Foundation
import GymCore

/// The tree-structured Parzen estimator, multivariate, with Optuna's
/// defaults (Bergstra et al. 2011; Falkner et al. 2018 for the multivariate
/// kernel; Optuna's `TPESampler(multivariate=True, constant_liar=True)`,
/// docs/references.md §6) — the field's standard baseline without Python.
///
/// - Startup: the first `startup_trials` points are uniform.
/// - Split: the observed trials are ranked, feasible ones by reward (best
///   first), then infeasible ones by total normalised constraint violation
///   (a refused point — hidden constraint — ranks last), ties to the earlier
///   trial; the best `γ(n) = min(⌈gamma · n⌉, max_below)` are "good", the
///   rest "bad". Infeasible trials thus count as bad unless fewer than γ(n)
///   trials are feasible (Optuna's constrained split).
/// - Model: one `ParzenEstimator` `l(x)` on the good trials and `g(x)` on the
///   bad ones, over the index genes (ordered parameters as ordered, with a
///   discretised truncated normal kernel; categoricals with a categorical
///   kernel).
/// - Suggestion: `ei_candidates` draws from `l`, the one maximising
///   `log l(x) − log g(x)` wins; points already evaluated or picked lose to
///   any new one, and candidates that break the space's own constraints are
///   dropped (a uniform admissible point when none remains).
/// - Batches by constant liar: a point picked earlier in the same ask joins
///   the bad trials (Optuna ranks running trials worst) before the next pick.
///
/// Randomness comes only from the agent's own generator, advanced only in
/// `ask`, so the same seed gives the same trials for any thread count and a
/// replayed log rebuilds the state exactly.
struct TreeParzenEstimator: Agent {
    struct Hyperparameters: Codable, Sendable {
        var batchSize = 4
        var startupTrials = 10
        var eiCandidates = 24
        var gamma = 0.1
        var maxBelow = 25
        var priorWeight = 1.0

        enum CodingKeys: String, CodingKey {
            case batchSize = "batch_size", startupTrials = "startup_trials", eiCandidates = "ei_candidates"
            case gamma, maxBelow = "max_below", priorWeight = "prior_weight"
        }

        func validate() throws {
            try Check.atLeast("batch_size", batchSize, 1)
            try Check.atLeast("startup_trials", startupTrials, 0)
            try Check.atLeast("ei_candidates", eiCandidates, 1)
            try Check.within("gamma", gamma, 0.001...1)
            try Check.atLeast("max_below", maxBelow, 1)
            try Check.positive("prior_weight", priorWeight)
        }
    }

    static let kind = AgentKind.codable(
        name: "tpe", summary: "tree-structured Parzen estimator (multivariate, Optuna defaults), constant-liar batches",
        defaults: Hyperparameters(),
        docs: [HyperparameterDoc("batch_size", "4", "points per ask, chosen by constant liar"),
               HyperparameterDoc("startup_trials", "10", "uniform points before the estimators are used (Optuna n_startup_trials)"),
               HyperparameterDoc("ei_candidates", "24", "draws from l(x) scored by l(x)/g(x) per pick (Optuna n_ei_candidates)"),
               HyperparameterDoc("gamma", "0.1", "fraction of trials counted good: min(ceil(gamma n), max_below)"),
               HyperparameterDoc("max_below", "25", "cap on the number of good trials"),
               HyperparameterDoc("prior_weight", "1.0", "weight of the prior component of each estimator")]
    ) { h, context in
        try h.validate()
        return TreeParzenEstimator(h, context)
    }

    let hyperparameters: Hyperparameters
    let coding: IndexCoding
    private let bounds: [Objective.Bound]
    private var rng: SplitMix64
    /// Evaluated points in trial order: genes, reward (nil: infeasible), violation.
    private var observed: [(genes: [Int], reward: Double?, violation: Double)] = []
    private var seen: Set<[Int]> = []
    private var asked = AskedGenes()

    var batchSize: Int { hyperparameters.batchSize }

    init(_ h: Hyperparameters, _ context: AgentContext) {
        hyperparameters = h
        coding = IndexCoding(context.designSpace)
        bounds = context.objective.constraints
        rng = SplitMix64(seed: context.seed)
    }

    mutating func ask(_ count: Int) -> [Configuration] {
        var picks: [[Int]] = []
        var taken = seen
        for _ in 0..<count {
            let pick = observed.count + picks.count < hyperparameters.startupTrials
                ? uniform(avoiding: taken) : suggestion(pending: picks, avoiding: taken)
            picks.append(pick)
            taken.insert(pick)
        }
        asked.append(contentsOf: picks)
        return picks.map(coding.configuration)
    }

    mutating func tell(_ trials: [Trial]) {
        for t in trials {
            let genes = asked.next(for: t, coding)
            let record = FeasibilityRecord(t, bounds: bounds)
            // Refused points (hidden constraint) rank below every explained violation.
            let violation = t.reward != nil ? 0
                : record.accepted ? record.slacks.reduce(0) { $0 + max(0, -($1 ?? 0)) } : .infinity
            observed.append((genes, t.reward, violation))
            seen.insert(genes)
        }
    }

    /// `γ(n)`: the number of good trials among `n`.
    func goodCount(_ n: Int) -> Int {
        min(Int((hyperparameters.gamma * Double(n)).rounded(.up)), hyperparameters.maxBelow)
    }

    /// One TPE pick with the batch's earlier `pending` picks ranked worst.
    private mutating func suggestion(pending: [[Int]], avoiding taken: Set<[Int]>) -> [Int] {
        let order = observed.indices.sorted { a, b in
            let x = observed[a], y = observed[b]
            switch (x.reward, y.reward) {
            case let (r?, s?): return r != s ? r > s : a < b
            case (.some, nil): return true
            case (nil, .some): return false
            case (nil, nil): return x.violation != y.violation ? x.violation < y.violation : a < b
            }
        }
        let good = Set(order.prefix(goodCount(observed.count)))
        // Trial order inside each group: Optuna's weights favour recent trials.
        let below = observed.indices.filter { good.contains($0) }.map { observed[$0].genes }
        let above = observed.indices.filter { !good.contains($0) }.map { observed[$0].genes } + pending
        let l = ParzenEstimator(observations: below, levels: coding.levels, categorical: coding.categorical,
                                priorWeight: hyperparameters.priorWeight)
        let g = ParzenEstimator(observations: above, levels: coding.levels, categorical: coding.categorical,
                                priorWeight: hyperparameters.priorWeight)
        let candidates = (0..<hyperparameters.eiCandidates).map { _ in l.sample(using: &rng) }.filter(admissible)
        guard !candidates.isEmpty else { return uniform(avoiding: taken) }
        let scores = zip(l.logDensity(candidates), g.logDensity(candidates)).map { $0 - $1 }
        let best = candidates.indices.max { a, b in
            let newA = !taken.contains(candidates[a]), newB = !taken.contains(candidates[b])
            if newA != newB { return !newA }
            return scores[a] != scores[b] ? scores[a] < scores[b] : a > b
        }!
        return candidates[best]
    }

    /// A uniform admissible point, a new one when a few draws find it.
    private mutating func uniform(avoiding taken: Set<[Int]>) -> [Int] {
        var pick = draw()
        for _ in 0..<20 where taken.contains(pick) { pick = draw() }
        return pick
    }

    private mutating func draw() -> [Int] {
        guard coding.space.constraints.isEmpty else { return coding.random(using: &rng) }
        return coding.levels.map { rng.index(below: $0) }
    }

    private func admissible(_ genes: [Int]) -> Bool {
        coding.space.constraints.isEmpty || coding.space.violatedConstraint(coding.configuration(genes)) == nil
    }
}
