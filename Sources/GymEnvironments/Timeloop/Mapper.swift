import GymCore

/// Finds a good legal mapping of one layer on one architecture, quickly and
/// deterministically (a small stand-in for Timeloop's mapper).
///
/// Search, all within `budget` model evaluations:
/// 1. enumeration: the spatial assignments with the highest PE use (one or
///    two dimensions per spatial level, largest fitting divisors), each with a
///    greedy temporal fill (prime factors placed as far inside as every
///    level's capacity allows) under three loop orders (weight-, input- and
///    output-stationary);
/// 2. seeded random sampling: random spatial divisors, random prime-factor
///    placement, random orders, repaired upward until every tile fits;
/// 3. hill climbing from the best: move a prime factor between levels or
///    between space and time, or change one level's order.
/// The random stream comes from `seed` and the layer's shape only, so the same
/// layer and architecture always give the same mapping.
public struct Mapper: Sendable, Hashable {
    /// What the mapper minimises.
    public enum Goal: String, CaseIterable, Sendable {
        /// Energy × cycles (Timeloop's usual choice).
        case edp
        case energy
        /// Cycles, then energy.
        case delay
    }

    public var goal: Goal
    /// Model evaluations per layer.
    public var budget: Int
    public var seed: UInt64

    public init(goal: Goal = .edp, budget: Int = 1000, seed: UInt64 = 1) {
        self.goal = goal
        self.budget = budget
        self.seed = seed
    }

    /// The chosen mapping and its evaluation.
    public struct Choice: Sendable {
        public var mapping: Mapping
        public var result: LoopNestResult
        /// Legal candidates evaluated.
        public var evaluated: Int
    }

    public enum Outcome: Sendable {
        case mapped(Choice)
        /// No legal mapping exists; the reason names the level that cannot fit.
        case infeasible(String)
    }

    func cost(_ r: LoopNestResult) -> Double {
        switch goal {
        case .edp: return r.energyPJ * r.cycles
        case .energy: return r.energyPJ
        case .delay: return r.cycles * 1e12 + r.energyPJ
        }
    }

    public func map(_ problem: LoopProblem, on arch: Architecture) -> Outcome {
        let levels = arch.levels.count
        let trivial = Mapping.allAtTop(problem, levels: levels)
        if let reason = LoopNestModel.violation(problem, arch, trivial) {
            return .infeasible("no legal mapping of \(problem.name): even one element per tile fails (\(reason))")
        }
        var search = MapperSearch(problem: problem, arch: arch, rng: SplitMix64(seed: seed ^ problem.seedSalt))
        var best = (mapping: trivial, result: LoopNestModel.evaluate(problem, arch, trivial))
        var bestCost = cost(best.result)
        var evaluated = 1

        func consider(_ candidate: Mapping?) -> Bool {
            guard let m = candidate.flatMap(search.repaired),
                  LoopNestModel.violation(problem, arch, m) == nil else { return false }
            evaluated += 1
            let r = LoopNestModel.evaluate(problem, arch, m)
            let c = cost(r)
            if c < bestCost {
                best = (m, r)
                bestCost = c
                return true
            }
            return false
        }

        let budget = max(1, self.budget)
        for candidate in search.enumerated() where evaluated < budget { _ = consider(candidate) }
        let randomEnd = evaluated + (budget - evaluated) / 2
        var attempts = 0
        while evaluated < randomEnd && attempts < 4 * budget {
            attempts += 1
            _ = consider(search.randomMapping())
        }
        attempts = 0
        while evaluated < budget && attempts < 4 * budget {
            attempts += 1
            _ = consider(search.mutated(best.mapping))
        }
        return .mapped(Choice(mapping: best.mapping, result: best.result, evaluated: evaluated))
    }
}

extension LoopProblem {
    /// Seed salt from the layer's shape (not its name), FNV-1a.
    var seedSalt: UInt64 {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for v in (0..<8).map({ bounds[$0] }) + [stride] {
            h ^= UInt64(truncatingIfNeeded: v)
            h &*= 0x0000_0100_0000_01B3
        }
        return h
    }
}
