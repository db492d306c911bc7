import Foundation
import GymCore

/// Ant colony optimisation over index genes (ArchGym's knobs: ants,
/// evaporation, greediness, depth), in the Max–Min Ant System style.
///
/// - Pheromone `τ[d][level]` for every value of every parameter, starting at 1.
/// - One ask is one colony tour of `ant_count` ants. An ant starts from the
///   best configuration found so far (a uniform draw before any) and
///   re-chooses `depth` randomly picked parameters (all of them when `depth`
///   ≥ the number of parameters): with probability `greediness` the value
///   with the most pheromone, otherwise a value drawn with probability ∝ τ.
/// - After the tour, pheromone evaporates (`τ ← (1 − evaporation)·τ`) and the
///   feasible ants deposit by rank (best ant 1, then 1/2, 1/3, …, a scale-free
///   rule since rewards may be negative), plus 1 on the best-so-far
///   configuration. On ordered parameters a deposit spreads to nearby levels
///   with a Gaussian of width `spread` × (levels − 1), since neighbouring
///   values behave alike. τ is clamped to [`tau_min`, `tau_max`] so no value
///   is ever ruled out (no stagnation).
/// Infeasible ants deposit nothing.
struct AntColony: Agent {
    struct Hyperparameters: Codable, Sendable {
        var antCount = 16
        var evaporation = 0.1
        var greediness = 0.2
        var depth = 4
        var spread = 0.05
        var tauMin = 0.01
        var tauMax = 10.0

        enum CodingKeys: String, CodingKey {
            case antCount = "ant_count", evaporation, greediness, depth, spread
            case tauMin = "tau_min", tauMax = "tau_max"
        }

        func validate() throws {
            try Check.atLeast("ant_count", antCount, 1)
            try Check.within("evaporation", evaporation, 0...1)
            try Check.within("greediness", greediness, 0...1)
            try Check.atLeast("depth", depth, 1)
            try Check.within("spread", spread, 0...1)
            try Check.positive("tau_min", tauMin)
            guard tauMax > tauMin else { throw SpecError(key: "tau_max", "\(tauMax) must exceed tau_min (\(tauMin))") }
        }
    }

    static let kind = AgentKind.codable(
        name: "aco", summary: "ant colony optimisation: pheromone per parameter value (Max-Min Ant System)",
        defaults: Hyperparameters(),
        docs: [HyperparameterDoc("ant_count", "16", "ants per tour (also the ask batch size)"),
               HyperparameterDoc("evaporation", "0.1", "fraction of pheromone lost after each tour"),
               HyperparameterDoc("greediness", "0.2", "chance an ant takes the strongest value instead of sampling"),
               HyperparameterDoc("depth", "4", "parameters each ant re-chooses, starting from the best so far"),
               HyperparameterDoc("spread", "0.05", "deposit width on ordered parameters, as a fraction of levels"),
               HyperparameterDoc("tau_min", "0.01", "pheromone floor"),
               HyperparameterDoc("tau_max", "10", "pheromone ceiling")]
    ) { h, context in
        try h.validate()
        return AntColony(h, context)
    }

    let hyperparameters: Hyperparameters
    let coding: IndexCoding
    private var rng: SplitMix64
    private(set) var pheromone: [[Double]]
    private var best: (genes: [Int], reward: Double)?
    private var tour: [(genes: [Int], reward: Double)] = []
    private var asked = AskedGenes()

    var batchSize: Int { hyperparameters.antCount }

    init(_ h: Hyperparameters, _ context: AgentContext) {
        hyperparameters = h
        coding = IndexCoding(context.designSpace)
        rng = SplitMix64(seed: context.seed)
        pheromone = coding.levels.map { [Double](repeating: 1, count: $0) }
    }

    mutating func ask(_ count: Int) -> [Configuration] {
        let walks = (0..<count).map { _ in walk() }
        asked.append(contentsOf: walks)
        return walks.map(coding.configuration)
    }

    private mutating func walk() -> [Int] {
        guard var genes = best?.genes else { return coding.random(using: &rng) }
        for d in rng.choose(hyperparameters.depth, of: coding.count) {
            let tau = pheromone[d]
            if rng.nextUnit() < hyperparameters.greediness {
                genes[d] = tau.indices.max { tau[$0] != tau[$1] ? tau[$0] < tau[$1] : $0 > $1 }!
            } else {
                var u = rng.nextUnit() * tau.reduce(0, +)
                var pick = tau.count - 1
                for (i, t) in tau.enumerated() {
                    u -= t
                    if u < 0 { pick = i; break }
                }
                genes[d] = pick
            }
        }
        return genes
    }

    mutating func tell(_ trials: [Trial]) {
        for t in trials {
            let genes = asked.next(for: t, coding)
            guard let r = t.reward else { continue }
            tour.append((genes, r))
            if best.map({ r > $0.reward }) ?? true { best = (genes, r) }
        }
        updatePheromone()
    }

    private mutating func updatePheromone() {
        let keep = 1 - hyperparameters.evaporation
        for d in pheromone.indices { for v in pheromone[d].indices { pheromone[d][v] *= keep } }
        let ranked = tour.enumerated().sorted { $0.element.reward != $1.element.reward
            ? $0.element.reward > $1.element.reward : $0.offset < $1.offset }
        for (rank, ant) in ranked.enumerated() { deposit(ant.element.genes, amount: 1 / Double(rank + 1)) }
        if let best { deposit(best.genes, amount: 1) }
        for d in pheromone.indices {
            for v in pheromone[d].indices {
                pheromone[d][v] = min(hyperparameters.tauMax, max(hyperparameters.tauMin, pheromone[d][v]))
            }
        }
        tour = []
    }

    private mutating func deposit(_ genes: [Int], amount: Double) {
        for d in genes.indices {
            let n = coding.levels[d]
            let width = hyperparameters.spread * Double(n - 1)
            guard !coding.categorical[d], width > 0 else {
                pheromone[d][genes[d]] += amount
                continue
            }
            let reach = Int((3 * width).rounded(.up))
            for v in max(0, genes[d] - reach)...min(n - 1, genes[d] + reach) {
                let z = Double(v - genes[d]) / width
                pheromone[d][v] += amount * exp(-0.5 * z * z)
            }
        }
    }
}
