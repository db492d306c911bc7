import GymCore

/// A generational genetic algorithm on index genes (ArchGym's GA knobs:
/// population, generations, mutation probability).
///
/// Generation 0 is `population_size` uniform draws. Every later generation
/// keeps the `elite_count` best individuals seen so far (not re-evaluated) and
/// breeds `population_size − elite_count` children: parents by tournament of
/// `tournament_size` over the current population, uniform crossover, per-gene
/// mutation that respects each domain (see `GeneticOperators`). Children that
/// repeat an evaluated point get extra single-gene moves (a few tries) so the
/// budget is not spent on duplicates. Infeasible trials (reward nil) rank
/// below every feasible one. One generation is one ask (`batchSize` =
/// `population_size`, independent of threads).
struct GeneticAlgorithm: Agent {
    struct Hyperparameters: Codable, Sendable {
        var populationSize = 32
        var generations = 0
        var mutationProbability = 0.1
        var mutationScale = 0.2
        var crossoverProbability = 0.9
        var tournamentSize = 2
        var eliteCount = 2

        enum CodingKeys: String, CodingKey {
            case populationSize = "population_size", generations
            case mutationProbability = "mutation_probability", mutationScale = "mutation_scale"
            case crossoverProbability = "crossover_probability", tournamentSize = "tournament_size"
            case eliteCount = "elite_count"
        }

        func validate() throws {
            try Check.atLeast("population_size", populationSize, 2)
            try Check.atLeast("generations", generations, 0)
            try Check.within("mutation_probability", mutationProbability, 0...1)
            try Check.within("mutation_scale", mutationScale, 0...1)
            try Check.within("crossover_probability", crossoverProbability, 0...1)
            try Check.atLeast("tournament_size", tournamentSize, 1, atMost: populationSize)
            try Check.atLeast("elite_count", eliteCount, 0)
            guard eliteCount < populationSize else {
                throw SpecError(key: "elite_count", "\(eliteCount) must be below population_size (\(populationSize))")
            }
        }
    }

    static let kind = AgentKind.codable(
        name: "ga", summary: "genetic algorithm: tournament selection, uniform crossover, per-gene mutation, elitism",
        defaults: Hyperparameters(),
        docs: [HyperparameterDoc("population_size", "32", "individuals per generation (also the ask batch size)"),
               HyperparameterDoc("generations", "0", "stop proposing after this many generations (0: until the budget ends)"),
               HyperparameterDoc("mutation_probability", "0.1", "chance each gene mutates"),
               HyperparameterDoc("mutation_scale", "0.2", "std. dev. of an ordered gene's step, as a fraction of its levels"),
               HyperparameterDoc("crossover_probability", "0.9", "chance a child mixes two parents (else copies one)"),
               HyperparameterDoc("tournament_size", "2", "individuals compared to pick each parent"),
               HyperparameterDoc("elite_count", "2", "best individuals carried to the next generation unchanged")]
    ) { h, context in
        try h.validate()
        return GeneticAlgorithm(h, context)
    }

    struct Individual {
        var genes: [Int]
        /// Reward, or −∞ when infeasible.
        var fitness: Double
    }

    let hyperparameters: Hyperparameters
    let operators: GeneticOperators
    private var rng: SplitMix64
    private var pending: [[Int]] = []
    private var children: [Individual] = []
    private var expected = 0
    private var population: [Individual] = []
    private var seen: Set<[Int]> = []
    private var asked = AskedGenes()
    private(set) var generation = 0

    var batchSize: Int { hyperparameters.populationSize }

    init(_ h: Hyperparameters, _ context: AgentContext) {
        hyperparameters = h
        let coding = IndexCoding(context.designSpace)
        operators = GeneticOperators(coding: coding, mutationProbability: h.mutationProbability,
                                     mutationScale: h.mutationScale, crossoverProbability: h.crossoverProbability)
        rng = SplitMix64(seed: context.seed)
        pending = (0..<h.populationSize).map { _ in coding.random(using: &rng) }
        expected = pending.count
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
            children.append(Individual(genes: genes, fitness: t.reward ?? -.infinity))
        }
        if children.count >= expected, pending.isEmpty { nextGeneration() }
    }

    private mutating func nextGeneration() {
        let elites = (population + children).sorted(by: GeneticAlgorithm.better).prefix(hyperparameters.eliteCount)
        let fresh = children.sorted(by: GeneticAlgorithm.better).prefix(hyperparameters.populationSize - elites.count)
        population = Array(elites) + Array(fresh)
        children = []
        generation += 1
        let n = hyperparameters.populationSize - hyperparameters.eliteCount
        var planned: Set<[Int]> = []
        pending = (0..<n).map { _ in
            let child = operators.offspring(tournament().genes, tournament().genes, avoiding: seen, planned, using: &rng)
            planned.insert(child)
            return child
        }
        expected = pending.count
    }

    private mutating func tournament() -> Individual {
        var best = population[rng.index(below: population.count)]
        for _ in 1..<max(1, hyperparameters.tournamentSize) {
            let other = population[rng.index(below: population.count)]
            if GeneticAlgorithm.better(other, best) { best = other }
        }
        return best
    }

    /// Higher fitness first; ties keep the earlier individual (stable sort).
    static func better(_ a: Individual, _ b: Individual) -> Bool { a.fitness > b.fitness }
}
