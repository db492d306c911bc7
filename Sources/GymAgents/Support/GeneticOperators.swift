import GymCore

/// Variation operators on index genes, shared by the GA and NSGA-II.
///
/// Mutation respects each domain: a categorical gene jumps to a different
/// choice uniformly (no order to exploit); an ordered gene (integer, ordinal,
/// real grid) moves by a Gaussian step of `scale` × (levels − 1) levels,
/// at least one level, clamped into range.
struct GeneticOperators: Sendable {
    let coding: IndexCoding
    var mutationProbability: Double
    var mutationScale: Double
    var crossoverProbability: Double

    /// Uniform crossover: each gene from either parent with probability ½
    /// (with probability 1 − `crossoverProbability` the child copies `a`).
    func crossover(_ a: [Int], _ b: [Int], using rng: inout SplitMix64) -> [Int] {
        guard rng.nextUnit() < crossoverProbability else { return a }
        return zip(a, b).map { x, y in rng.next() & 1 == 0 ? x : y }
    }

    /// Per-gene mutation with probability `mutationProbability` each.
    func mutate(_ genes: [Int], using rng: inout SplitMix64) -> [Int] {
        var out = genes
        for d in out.indices where rng.nextUnit() < mutationProbability {
            out[d] = mutateGene(d, out[d], using: &rng)
        }
        return out
    }

    /// One forced move of gene `d` (used also to break duplicates).
    func mutateGene(_ d: Int, _ g: Int, using rng: inout SplitMix64) -> Int {
        let n = coding.levels[d]
        guard n > 1 else { return g }
        if coding.categorical[d] {
            let r = rng.index(below: n - 1)
            return r >= g ? r + 1 : r
        }
        var step = Int((rng.gaussian() * mutationScale * Double(n - 1)).rounded())
        if step == 0 { step = rng.next() & 1 == 0 ? -1 : 1 }
        let moved = g + step
        if moved < 0 || moved >= n { return max(0, min(n - 1, g - step)) }
        return moved
    }

    /// A child of `a` and `b` that is in neither `seen` nor `planned`,
    /// trying up to `attempts` extra single-gene moves; returns the last
    /// candidate if all were taken (the runner's cache then answers it cheaply).
    func offspring(_ a: [Int], _ b: [Int], avoiding seen: Set<[Int]>, _ planned: Set<[Int]>, attempts: Int = 8,
                   using rng: inout SplitMix64) -> [Int] {
        var child = mutate(crossover(a, b, using: &rng), using: &rng)
        var tries = 0
        while seen.contains(child) || planned.contains(child), tries < attempts {
            let d = rng.index(below: child.count)
            child[d] = mutateGene(d, child[d], using: &rng)
            tries += 1
        }
        return child
    }
}
