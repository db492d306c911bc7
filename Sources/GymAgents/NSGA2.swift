import GymCore

/// NSGA-II (Deb et al. 2002) for multi-objective search over index genes.
///
/// Objectives: with a `pareto` objective, the metric vector of
/// `Objective.objectiveVector` (every entry minimised); with any other
/// objective the single entry `−reward`, so NSGA-II degenerates to an
/// elitist (μ+λ) evolutionary algorithm with tournament selection.
/// Infeasible trials rank behind every feasible one (their own last front).
///
/// Each generation (one ask of `population_size`) breeds children by binary
/// tournament on (front rank, then larger crowding distance), uniform
/// crossover and domain-respecting mutation (`GeneticOperators`); parents and
/// children are merged, sorted into non-dominated fronts
/// (`Pareto.nondominatedFronts`), and the next population is filled front by
/// front, the last one by descending crowding distance.
struct NSGA2: Agent {
    struct Hyperparameters: Codable, Sendable {
        var populationSize = 40
        var generations = 0
        var mutationProbability = 0.1
        var mutationScale = 0.2
        var crossoverProbability = 0.9

        enum CodingKeys: String, CodingKey {
            case populationSize = "population_size", generations
            case mutationProbability = "mutation_probability", mutationScale = "mutation_scale"
            case crossoverProbability = "crossover_probability"
        }

        func validate() throws {
            try Check.atLeast("population_size", populationSize, 2)
            try Check.atLeast("generations", generations, 0)
            try Check.within("mutation_probability", mutationProbability, 0...1)
            try Check.within("mutation_scale", mutationScale, 0...1)
            try Check.within("crossover_probability", crossoverProbability, 0...1)
        }
    }

    static let kind = AgentKind.codable(
        name: "nsga2", summary: "NSGA-II: non-dominated sorting and crowding distance (pareto objectives; elitist EA otherwise)",
        defaults: Hyperparameters(),
        docs: [HyperparameterDoc("population_size", "40", "individuals per generation (also the ask batch size)"),
               HyperparameterDoc("generations", "0", "stop proposing after this many generations (0: until the budget ends)"),
               HyperparameterDoc("mutation_probability", "0.1", "chance each gene mutates"),
               HyperparameterDoc("mutation_scale", "0.2", "std. dev. of an ordered gene's step, as a fraction of its levels"),
               HyperparameterDoc("crossover_probability", "0.9", "chance a child mixes two parents (else copies one)")]
    ) { h, context in
        try h.validate()
        return NSGA2(h, context)
    }

    struct Individual {
        var genes: [Int]
        /// Minimised objective vector; nil when infeasible.
        var objectives: [Double]?
        var rank = 0
        var crowding = 0.0
    }

    let hyperparameters: Hyperparameters
    let operators: GeneticOperators
    let objective: Objective
    private var rng: SplitMix64
    private var pending: [[Int]] = []
    private var children: [Individual] = []
    private var expected = 0
    private(set) var population: [Individual] = []
    private var seen: Set<[Int]> = []
    private var asked = AskedGenes()
    private(set) var generation = 0

    var batchSize: Int { hyperparameters.populationSize }

    init(_ h: Hyperparameters, _ context: AgentContext) {
        hyperparameters = h
        objective = context.objective
        let coding = IndexCoding(context.designSpace)
        operators = GeneticOperators(coding: coding, mutationProbability: h.mutationProbability,
                                     mutationScale: h.mutationScale, crossoverProbability: h.crossoverProbability)
        rng = SplitMix64(seed: context.seed)
        pending = (0..<h.populationSize).map { _ in coding.random(using: &rng) }
        expected = pending.count
    }

    /// The objective vector NSGA-II minimises for one trial.
    func objectives(of trial: Trial) -> [Double]? {
        if objective.kind == .pareto { return objective.objectiveVector(trial.metrics) }
        return trial.reward.map { [-$0] }
    }

    mutating func ask(_ count: Int) -> [Configuration] {
        if hyperparameters.generations > 0, generation >= hyperparameters.generations { return [] }
        let taken = Array(pending.prefix(count))
        pending.removeFirst(taken.count)
        asked.append(contentsOf: taken)
        return taken.map(operators.coding.configuration)
    }

    mutating func tell(_ trials: [Trial]) {
        for t in trials {
            let genes = asked.next(for: t, operators.coding)
            seen.insert(genes)
            children.append(Individual(genes: genes, objectives: objectives(of: t)))
        }
        if children.count >= expected, pending.isEmpty { nextGeneration() }
    }

    private mutating func nextGeneration() {
        population = NSGA2.select(population + children, keeping: hyperparameters.populationSize)
        children = []
        generation += 1
        var planned: Set<[Int]> = []
        pending = (0..<hyperparameters.populationSize).map { _ in
            let child = operators.offspring(tournament().genes, tournament().genes, avoiding: seen, planned, using: &rng)
            planned.insert(child)
            return child
        }
        expected = pending.count
    }

    private mutating func tournament() -> Individual {
        let a = population[rng.index(below: population.count)]
        let b = population[rng.index(below: population.count)]
        if a.rank != b.rank { return a.rank < b.rank ? a : b }
        return b.crowding > a.crowding ? b : a
    }

    /// Environmental selection: fronts in order, the last by crowding distance;
    /// sets each survivor's rank and crowding distance.
    static func select(_ pool: [Individual], keeping size: Int) -> [Individual] {
        let feasible = pool.indices.filter { pool[$0].objectives != nil }
        let infeasible = pool.indices.filter { pool[$0].objectives == nil }
        var fronts = Pareto.nondominatedFronts(feasible.map { pool[$0].objectives! }).map { $0.map { feasible[$0] } }
        if !infeasible.isEmpty { fronts.append(infeasible) }
        var out: [Individual] = []
        for (rank, front) in fronts.enumerated() {
            guard out.count < size else { break }
            let crowding = pool[front[0]].objectives == nil ? [Double](repeating: 0, count: front.count)
                : Pareto.crowdingDistances(front.map { pool[$0].objectives! })
            var members = front.indices.map { i -> Individual in
                var m = pool[front[i]]
                m.rank = rank
                m.crowding = crowding[i]
                return m
            }
            if out.count + members.count > size {
                let order = members.indices.sorted { members[$0].crowding != members[$1].crowding
                    ? members[$0].crowding > members[$1].crowding : $0 < $1 }
                members = order.prefix(size - out.count).map { members[$0] }
            }
            out += members
        }
        return out
    }

    /// Objective vectors of the current first front (for reports).
    var paretoFront: [[Double]] { population.filter { $0.rank == 0 }.compactMap(\.objectives) }
}
