import GymCore

/// Finds a good legal mapping of one layer on one architecture, quickly and
/// deterministically (a small stand-in for Timeloop's mapper).
///
/// Search, all within `budget` model evaluations:
/// 1. enumeration: the twelve spatial assignments with the highest PE use
///    (one or two dimensions per spatial level, largest fitting divisors;
///    twelve since issue #15: with halos no longer shared between PEs the
///    fullest few are often poor, and six left AlexNet conv1 on 121 PEs where
///    twelve or twenty-four find 132), each with a
///    greedy temporal fill (prime factors placed as far inside as every
///    level's capacity allows) under three loop orders (weight-, input- and
///    output-stationary);
/// 2. seeded random sampling (a tenth of the remaining budget): random
///    spatial divisors, random prime-factor placement, random orders,
///    repaired upward until every tile fits;
/// 3. first-improvement descent over all one-step moves (a prime factor moved
///    between levels or between space and time, or a level's order made
///    stationary for one tensor), from the best candidate of each of the
///    three best spatial assignments so far (an equal budget share each), then from the best kicked by three random mutations whenever the
///    descent reaches a local optimum.
/// The random stream comes from `seed` and the layer's shape only, so the same
/// layer and architecture always give the same mapping.
///
/// Under `last-level-accesses` this search runs once per rung of a capacity
/// ladder of the global buffer (see `ladderMap`), which guarantees that a
/// bigger global buffer never gets a mapping with more DRAM words. The other
/// goals run it once on the real architecture and guarantee no such thing.
public struct Mapper: Sendable, Hashable {
    /// What the mapper minimises.
    public enum Goal: String, CaseIterable, Sendable {
        /// Energy × cycles (Timeloop's usual choice).
        case edp
        case energy
        /// Cycles, then energy.
        case delay
        /// Words moved to and from main memory, then EDP (Timeloop's
        /// `last-level-accesses`); monotone in the global buffer's capacity.
        case lastLevelAccesses = "last-level-accesses"
    }

    public var goal: Goal
    /// Model evaluations per layer; under `last-level-accesses`, per rung of
    /// the capacity ladder an eighth of it (`rungBudget`).
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

    /// What the search compares: a primary cost, then a tie-breaker.
    struct Score: Comparable {
        var primary: Double
        var secondary: Double

        static func < (a: Score, b: Score) -> Bool {
            (a.primary, a.secondary) < (b.primary, b.secondary)
        }
    }

    func score(_ r: LoopNestResult) -> Score {
        switch goal {
        case .edp: return Score(primary: r.energyPJ * r.cycles, secondary: r.energyPJ)
        case .energy: return Score(primary: r.energyPJ, secondary: r.cycles)
        case .delay: return Score(primary: r.cycles, secondary: r.energyPJ)
        case .lastLevelAccesses: return Score(primary: r.topAccesses, secondary: r.energyPJ * r.cycles)
        }
    }

    public func map(_ problem: LoopProblem, on arch: Architecture) -> Outcome {
        let trivial = Mapping.allAtTop(problem, levels: arch.levels.count)
        if let reason = LoopNestModel.violation(problem, arch, trivial) {
            return .infeasible("no legal mapping of \(problem.name): even one element per tile fails (\(reason))")
        }
        if goal == .lastLevelAccesses, let ladder = ladderMap(problem, on: arch) { return .mapped(ladder) }
        return .mapped(search(problem, on: arch, score: score, budget: budget))
    }

    /// The bounded search (see the type's comment) on `arch`, ranking
    /// candidates by `score` within `budget` evaluations; `arch` must admit
    /// the all-at-top mapping. A legal `warmStart` is evaluated first and
    /// joins the descent's starts, so the result scores at most as much.
    func search(_ problem: LoopProblem, on arch: Architecture, score: (LoopNestResult) -> Score,
                budget: Int, warmStart: Mapping? = nil, spatialOptions: Int = 12) -> Choice {
        let trivial = Mapping.allAtTop(problem, levels: arch.levels.count)
        var search = MapperSearch(problem: problem, arch: arch, rng: SplitMix64(seed: seed ^ problem.seedSalt))
        var best = (mapping: trivial, result: LoopNestModel.evaluate(problem, arch, trivial))
        var bestScore = score(best.result)
        var evaluated = 1

        // A legal, evaluated candidate (repaired if a tile overflows).
        func legal(_ candidate: Mapping?) -> (mapping: Mapping, result: LoopNestResult, score: Score)? {
            guard let m = candidate.flatMap(search.constrained).flatMap(search.repaired),
                  LoopNestModel.violation(problem, arch, m) == nil else { return nil }
            evaluated += 1
            let r = LoopNestModel.evaluate(problem, arch, m)
            let s = score(r)
            if s < bestScore {
                best = (m, r)
                bestScore = s
            }
            return (m, r, s)
        }

        let budget = max(1, budget)
        var starts: [(mapping: Mapping, score: Score)] = []
        // The best candidate of each of the three best spatial assignments:
        // descents from different spatial choices explore different basins.
        func remember(_ e: (mapping: Mapping, result: LoopNestResult, score: Score)?) {
            guard let e else { return }
            if let i = starts.firstIndex(where: { $0.mapping.spatial == e.mapping.spatial }) {
                guard e.score < starts[i].score else { return }
                starts[i] = (e.mapping, e.score)
            } else {
                starts.append((e.mapping, e.score))
            }
            starts.sort { $0.score < $1.score }
            if starts.count > 3 { starts.removeLast() }
        }
        if let warmStart, LoopNestModel.violation(problem, arch, warmStart) == nil { remember(legal(warmStart)) }
        for candidate in search.enumerated(keep: spatialOptions) where evaluated < budget { remember(legal(candidate)) }
        let randomEnd = evaluated + (budget - evaluated) / 10
        var attempts = 0
        while evaluated < randomEnd && attempts < 4 * budget {
            attempts += 1
            remember(legal(search.randomMapping()))
        }
        // First-improvement descent from each start, each given an equal
        // share of the remaining budget; after the starts, kick the best with
        // a few random mutations at every local optimum and descend again.
        let share = (budget - evaluated) / (starts.count + 1)
        var current = starts.isEmpty ? (mapping: best.mapping, score: bestScore) : starts.removeFirst()
        var shareEnd = evaluated + share
        attempts = 0
        while evaluated < budget && attempts < 4 * budget {
            var improved = false
            for move in search.moves(from: current.mapping) where evaluated < budget {
                attempts += 1
                if let e = legal(search.applying(move, to: current.mapping)), e.score < current.score {
                    current = (e.mapping, e.score)
                    improved = true
                    break
                }
            }
            if !improved || evaluated >= shareEnd, !starts.isEmpty {
                current = starts.removeFirst()
                shareEnd = evaluated + share
                continue
            }
            if !improved {
                var kicked = best.mapping
                for _ in 0..<3 { kicked = search.mutated(kicked) ?? kicked }
                attempts += 1
                if let e = legal(kicked) { current = (e.mapping, e.score) }
            }
        }
        return Choice(mapping: best.mapping, result: best.result, evaluated: evaluated)
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
