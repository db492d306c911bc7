import GymCore
import GymNumerics

/// Choosing the next points: acquisition maximisation over the discrete
/// space (random candidates + hill climbing), constant liar for batches,
/// each score multiplied by the probability of feasibility.
extension BayesianOptimizer {
    mutating func guided(_ count: Int, excluding already: Set<[Int]>) -> [[Int]] {
        let feasibility = feasibilityModel()
        guard let data = trainingSet() else {
            // No feasible trial yet: uniform points, or the likeliest-feasible
            // ones once the feasibility model has something to say.
            guard !feasibility.isTrivial else { return (0..<count).map { _ in randomGenes() } }
            var taken = seen.union(already)
            var picks: [[Int]] = []
            let coding = coding
            for _ in 0..<count {
                let pick = maximise({ feasibility.logProbability($0.map(coding.gpInput)) }, avoiding: taken) ?? randomGenes()
                picks.append(pick)
                taken.insert(pick)
            }
            return picks
        }
        var gp = surrogate(data)
        let acquisition = Acquisition(name: hyperparameters.acquisition, beta: hyperparameters.ucbBeta)
        let lie: Double
        switch hyperparameters.liar {
        case "max": lie = data.y.max()!
        case "mean": lie = data.y.reduce(0, +) / Double(data.y.count)
        default: lie = data.y.min()!
        }
        let floor = data.y.min()!
        var taken = seen.union(already)
        var picks: [[Int]] = []
        let coding = coding
        for _ in 0..<count {
            let best = gp.originalTargets.max() ?? 0
            let model = gp
            let pick = maximise({ points in
                let x = points.map(coding.gpInput)
                let logP = feasibility.logProbability(x)
                return zip(model.predict(x), logP).map {
                    acquisition.score(mean: $0.0.mean, variance: $0.0.variance, best: best, floor: floor, logFeasible: $0.1)
                }
            }, avoiding: taken) ?? randomGenes()
            picks.append(pick)
            taken.insert(pick)
            gp = gp.adding(input(pick), target: lie)
        }
        return picks
    }

    /// The untaken, admissible gene vector with the highest `scores` found,
    /// or nil when every candidate was taken.
    private mutating func maximise(_ scores: ([[Int]]) -> [Double], avoiding taken: Set<[Int]>) -> [Int]? {
        var pool: [[Int]] = []
        var inPool: Set<[Int]> = []
        func offer(_ g: [Int]) {
            if !taken.contains(g), admissible(g), inPool.insert(g).inserted { pool.append(g) }
        }
        for _ in 0..<hyperparameters.candidates { offer(randomGenes()) }
        // Neighbours of the best observations: where improvement is likeliest.
        let ranked = observed.enumerated().filter { $0.element.reward != nil }
            .sorted { $0.element.reward! != $1.element.reward! ? $0.element.reward! > $1.element.reward! : $0.offset < $1.offset }
        for o in ranked.prefix(3) { for g in neighbours(o.element.genes) { offer(g) } }
        guard !pool.isEmpty else { return nil }

        let poolScores = scores(pool)
        let order = pool.indices.sorted { poolScores[$0] != poolScores[$1] ? poolScores[$0] > poolScores[$1] : $0 < $1 }
        var champion = (genes: pool[order[0]], score: poolScores[order[0]])
        for start in order.prefix(hyperparameters.localSearchStarts) {
            var current = (genes: pool[start], score: poolScores[start])
            for _ in 0..<hyperparameters.localSearchSteps {
                let moves = neighbours(current.genes).filter { !taken.contains($0) && admissible($0) }
                guard !moves.isEmpty else { break }
                let s = scores(moves)
                let i = s.indices.max { s[$0] != s[$1] ? s[$0] < s[$1] : $0 > $1 }!
                guard s[i] > current.score else { break }
                current = (moves[i], s[i])
            }
            if current.score > champion.score { champion = current }
        }
        return champion.genes
    }

    /// Gene vectors one move away, as `DesignSpace.neighbours` defines moves:
    /// adjacent levels of an ordered parameter, every other choice of a categorical.
    func neighbours(_ genes: [Int]) -> [[Int]] {
        var out: [[Int]] = []
        for d in genes.indices {
            let n = coding.levels[d]
            let targets = coding.categorical[d] ? Array(0..<n).filter { $0 != genes[d] }
                : [genes[d] - 1, genes[d] + 1].filter { $0 >= 0 && $0 < n }
            for t in targets {
                var moved = genes
                moved[d] = t
                out.append(moved)
            }
        }
        return out
    }
}
