import Foundation
import GymCore
import GymNumerics

/// Bayesian optimisation with a Gaussian-process surrogate
/// (`GaussianProcess`, on GSL) over any design space.
///
/// - Initial design: `initial_points` configurations, uniform (`random`) or a
///   Latin hypercube over the unit encodings (`lhs`).
/// - Surrogate: the GP on genes encoded as unit coordinates (ordered
///   parameters) and choice indices (categoricals, Hamming kernel).
///   Hyperparameters are refitted (MAP, BFGS, `fit_restarts` starts, warm
///   started from the last fit) once `refit_interval` observations arrived
///   since the last fit; in between the GP is only re-conditioned.
/// - Training-set cap: beyond `max_observations` the GP keeps the best half
///   and the most recent rest, so a suggestion stays fast at n = 1,000–2,000.
///   Hyperparameters are fitted on at most `fit_observations` of those points
///   (by the same rule): each likelihood evaluation costs O(n³), the
///   conditioning on all points only one Cholesky factorisation.
/// - Constraints (`feasibility: model`, the default), after Gardner et al.
///   2014, Optuna's constrained GP sampler and BaCO (docs/references.md §6):
///   a `FeasibilityModel` gives the probability that a candidate is
///   feasible — a GP on ±1 labels through a probit link for **hidden**
///   constraints (the environment refused the point, with a reason and maybe
///   no metrics), and a GP on the normalised slack of each objective
///   constraint on a metric (`constraints: {area_mm2: {max: 6}}`),
///   `P = Φ(μ/σ)`. The acquisition is multiplied by that probability
///   (log-EI + log P; EI × P; UCB shifted to be non-negative, × P), and the
///   reward GP is fitted on feasible trials only. Before any feasible trial
///   the agent maximises P alone. `feasibility: model-impute` also feeds the
///   reward GP the infeasible trials imputed with the worst feasible reward
///   seen; `impute` is that imputation alone, without P (the rule before
///   issue #19, which on accelerator-resnet50 kept proposing refused corner
///   points: 1 feasible trial of 100 in 7 of 10 seeds).
///   **Known** constraints (the design space's own, checked without
///   evaluating) filter every candidate before it is scored, and the initial
///   design.
/// - Acquisition (`log-ei`, `ei`, `ucb`) is maximised over `candidates`
///   uniform points plus the neighbours of the best observations, then by
///   hill climbing over neighbourhoods (the moves of `DesignSpace.neighbours`)
///   from the `local_search_starts` best candidates. Already evaluated points
///   are never proposed again.
/// - Batches (`batch_size` > 1) by constant liar: each pick is added to the
///   GP with the `liar` value (worst/mean/best observed) before the next.
struct BayesianOptimizer: Agent {
    struct Hyperparameters: Codable, Sendable {
        var batchSize = 4
        var initialPoints = 10
        var initialDesign = "lhs"
        var acquisition = "log-ei"
        var ucbBeta = 2.0
        var candidates = 1000
        var localSearchStarts = 5
        var localSearchSteps = 20
        var refitInterval = 20
        var fitRestarts = 2
        var fitIterations = 50
        var maxObservations = 500
        var fitObservations = 100
        var liar = "min"
        var feasibility = "model"
        var iterations = 0

        enum CodingKeys: String, CodingKey {
            case batchSize = "batch_size", initialPoints = "initial_points", initialDesign = "initial_design"
            case acquisition, ucbBeta = "ucb_beta", candidates, localSearchStarts = "local_search_starts"
            case localSearchSteps = "local_search_steps", refitInterval = "refit_interval"
            case fitRestarts = "fit_restarts", fitIterations = "fit_iterations"
            case maxObservations = "max_observations", fitObservations = "fit_observations", liar, feasibility, iterations
        }

        func validate() throws {
            try Check.atLeast("batch_size", batchSize, 1)
            try Check.atLeast("initial_points", initialPoints, 1)
            try Check.oneOf("initial_design", initialDesign, ["random", "lhs"])
            try Check.oneOf("acquisition", acquisition, ["log-ei", "ei", "ucb"])
            try Check.within("ucb_beta", ucbBeta, 0...100)
            try Check.atLeast("candidates", candidates, 1)
            try Check.atLeast("local_search_starts", localSearchStarts, 0)
            try Check.atLeast("local_search_steps", localSearchSteps, 0)
            try Check.atLeast("refit_interval", refitInterval, 1)
            try Check.atLeast("fit_restarts", fitRestarts, 1)
            try Check.atLeast("fit_iterations", fitIterations, 1)
            try Check.atLeast("max_observations", maxObservations, 2, atMost: 20_000)  // the GP holds an n×n matrix
            try Check.atLeast("fit_observations", fitObservations, 2, atMost: 20_000)
            try Check.oneOf("liar", liar, ["min", "mean", "max"])
            try Check.oneOf("feasibility", feasibility, ["model", "model-impute", "impute"])
            try Check.atLeast("iterations", iterations, 0)
        }
    }

    static let kind = AgentKind.codable(
        name: "bo", summary: "Bayesian optimisation: GP (Matern-5/2 ARD x Hamming, GSL), log-EI/EI/UCB x P(feasible), constant-liar batches",
        defaults: Hyperparameters(),
        docs: [HyperparameterDoc("batch_size", "4", "points per ask, chosen by constant liar"),
               HyperparameterDoc("initial_points", "10", "points of the initial design before the GP is used"),
               HyperparameterDoc("initial_design", "lhs", "random or lhs (Latin hypercube)"),
               HyperparameterDoc("acquisition", "log-ei", "log-ei, ei (expected improvement) or ucb"),
               HyperparameterDoc("ucb_beta", "2.0", "UCB's multiple of the posterior std. dev."),
               HyperparameterDoc("candidates", "1000", "uniform candidates scored per pick"),
               HyperparameterDoc("local_search_starts", "5", "best candidates refined by hill climbing"),
               HyperparameterDoc("local_search_steps", "20", "hill-climbing moves per start at most"),
               HyperparameterDoc("refit_interval", "20", "new observations between hyperparameter refits"),
               HyperparameterDoc("fit_restarts", "2", "optimiser runs per refit (warm start + random)"),
               HyperparameterDoc("fit_iterations", "50", "BFGS iterations per run"),
               HyperparameterDoc("max_observations", "500", "training-set cap: best half + most recent"),
               HyperparameterDoc("fit_observations", "100", "points used to fit hyperparameters (same rule), the O(n³) part"),
               HyperparameterDoc("liar", "min", "constant-liar value: min, mean or max observed reward"),
               HyperparameterDoc("feasibility", "model", "model: acquisition x P(feasible) (GP classifier + constraint-slack GPs), reward GP on feasible trials; model-impute: same, infeasible trials imputed in the reward GP; impute: imputation only"),
               HyperparameterDoc("iterations", "0", "stop after this many GP-guided asks (0: until the budget ends)")]
    ) { h, context in
        try h.validate()
        return BayesianOptimizer(h, context)
    }

    let hyperparameters: Hyperparameters
    let coding: IndexCoding
    var rng: SplitMix64
    private var initial: [[Int]]
    /// Every evaluated point with its reward (nil: infeasible), in trial order.
    private(set) var observed: [(genes: [Int], reward: Double?, feasibility: FeasibilityRecord)] = []
    var seen: Set<[Int]> = []
    private var rewardFit = FittedModel()
    private var classifierFit = FittedModel()
    private var slackFits: [FittedModel]
    let bounds: [Objective.Bound]
    private var guidedAsks = 0

    var batchSize: Int { hyperparameters.batchSize }

    init(_ h: Hyperparameters, _ context: AgentContext) {
        hyperparameters = h
        coding = IndexCoding(context.designSpace)
        rng = SplitMix64(seed: context.seed)
        bounds = context.objective.constraints
        slackFits = bounds.map { _ in FittedModel() }
        initial = []
        initial = initialDesign()
    }

    mutating func ask(_ count: Int) -> [Configuration] {
        var picks: [[Int]] = []
        while picks.count < count, !initial.isEmpty { picks.append(initial.removeFirst()) }
        if picks.count < count {
            if hyperparameters.iterations > 0, guidedAsks >= hyperparameters.iterations, picks.isEmpty { return [] }
            guidedAsks += 1
            picks += guided(count - picks.count, excluding: Set(picks))
        }
        return picks.map(coding.configuration)
    }

    mutating func tell(_ trials: [Trial]) {
        for t in trials {
            let genes = coding.genes(of: t.configuration)
            observed.append((genes, t.reward, FeasibilityRecord(t, bounds: bounds)))
            seen.insert(genes)
        }
    }

    /// GP input of a gene vector (see `IndexCoding.gpInput`).
    func input(_ genes: [Int]) -> [Double] { coding.gpInput(genes) }

    /// A uniform gene vector: per-level draws when the space has no
    /// constraints (fast), rejection sampling through the space otherwise.
    mutating func randomGenes() -> [Int] {
        guard coding.space.constraints.isEmpty else { return coding.random(using: &rng) }
        return coding.levels.map { rng.index(below: $0) }
    }

    private mutating func initialDesign() -> [[Int]] {
        let n = hyperparameters.initialPoints
        var points: [[Int]]
        if hyperparameters.initialDesign == "lhs" {
            let strata = coding.levels.map { _ in rng.choose(n, of: n) }
            points = (0..<n).map { i in
                (0..<coding.count).map { d in
                    let u = (Double(strata[d][i]) + rng.nextUnit()) / Double(n)
                    let levels = coding.levels[d]
                    return coding.categorical[d] ? min(levels - 1, Int(u * Double(levels)))
                        : Int((u * Double(levels - 1)).rounded())
                }
            }
        } else {
            points = (0..<n).map { _ in randomGenes() }
        }
        var unique: [[Int]] = []
        var taken: Set<[Int]> = []
        for var p in points {
            var tries = 0
            while taken.contains(p) || !admissible(p), tries < 20 { p = randomGenes(); tries += 1 }
            taken.insert(p)
            unique.append(p)
        }
        return unique
    }

    /// The reward GP's training set: feasible rewards only when `feasibility`
    /// is `model` (infeasible points teach the feasibility model instead);
    /// otherwise infeasible points take the worst feasible reward seen.
    /// Capped at `max_observations` (see `capped`); nil before any feasible trial.
    func trainingSet() -> (x: [[Double]], y: [Double])? {
        let feasible = observed.compactMap(\.reward)
        guard let worst = feasible.min() else { return nil }
        let rows = hyperparameters.feasibility != "model" ? Array(observed.indices)
            : observed.indices.filter { observed[$0].reward != nil }
        let ys = rows.map { observed[$0].reward ?? worst }
        let kept = BayesianOptimizer.capped(ys, hyperparameters.maxObservations)
        return (kept.map { input(observed[rows[$0]].genes) }, kept.map { ys[$0] })
    }

    /// Indices (ascending) of at most `cap` of `ys`: the best `cap/2` (ties to
    /// the earlier) and then the most recent others.
    static func capped(_ ys: [Double], _ cap: Int) -> [Int] {
        guard ys.count > cap else { return Array(ys.indices) }
        let best = ys.indices.sorted { ys[$0] != ys[$1] ? ys[$0] > ys[$1] : $0 < $1 }.prefix(cap / 2)
        var keep = Set(best)
        for i in ys.indices.reversed() where keep.count < cap && !keep.contains(i) { keep.insert(i) }
        return keep.sorted()
    }

    /// The reward surrogate for the current data, refitting hyperparameters on schedule.
    mutating func surrogate(_ data: (x: [[Double]], y: [Double])) -> GaussianProcess {
        let n = observed.count, seed = rng.derived(UInt64(n)).state
        return rewardFit.model(data.x, data.y, observations: n, categorical: coding.categorical,
                               settings: hyperparameters, seed: seed)
    }

    /// The feasibility model for the current data (see `FeasibilityModel`);
    /// trivial with `feasibility: impute` or while nothing was infeasible.
    mutating func feasibilityModel() -> FeasibilityModel {
        var model = FeasibilityModel()
        guard hyperparameters.feasibility != "impute" else { return model }
        let n = observed.count
        let cap = hyperparameters.maxObservations
        if observed.contains(where: { !$0.feasibility.accepted }) {
            let labels = observed.map { $0.feasibility.accepted ? 1.0 : -1.0 }
            let kept = BayesianOptimizer.recent(labels.count, cap)
            let x = kept.map { input(observed[$0].genes) }, seed = rng.derived(UInt64(n) &+ 0x5EED_0001).state
            model.classifier = classifierFit.model(x, kept.map { labels[$0] }, observations: n,
                                                   categorical: coding.categorical, settings: hyperparameters,
                                                   seed: seed, standardise: false)
        }
        for j in slackFits.indices {
            let rows = observed.indices.filter { observed[$0].feasibility.slacks[j] != nil }
            let slacks = rows.map { observed[$0].feasibility.slacks[j]! }
            guard slacks.count >= 2, slacks.contains(where: { $0 < 0 }) else { continue }
            let kept = BayesianOptimizer.recent(rows.count, cap)
            let x = kept.map { input(observed[rows[$0]].genes) }
            let seed = rng.derived(UInt64(n) &+ 0x5EED_0002 &+ UInt64(j)).state
            model.slackModels.append(slackFits[j].model(x, kept.map { slacks[$0] }, observations: n,
                                                        categorical: coding.categorical, settings: hyperparameters,
                                                        seed: seed))
        }
        return model
    }

    /// Indices of the most recent `cap` of `count` observations.
    static func recent(_ count: Int, _ cap: Int) -> [Int] { Array(max(0, count - cap)..<count) }

    /// False when the point breaks a constraint of the design space itself
    /// (checked without evaluating): such points are never scored or proposed.
    func admissible(_ genes: [Int]) -> Bool {
        coding.space.constraints.isEmpty || coding.space.violatedConstraint(coding.configuration(genes)) == nil
    }
}
