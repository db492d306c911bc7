import GymCore

/// Candidate generation for `Mapper`: enumeration, random sampling,
/// mutation, and repair of over-full tiles.
struct MapperSearch {
    let problem: LoopProblem
    let arch: Architecture
    var rng: SplitMix64
    let top: Int
    /// Levels with a spatial fanout, outermost first.
    let spatialLevels: [Int]
    /// Whether any level carries mapping constraints.
    let isConstrained: Bool

    init(problem: LoopProblem, arch: Architecture, rng: SplitMix64) {
        self.problem = problem
        self.arch = arch
        self.rng = rng
        top = arch.levels.count - 1
        spatialLevels = arch.levels.indices.reversed().filter { arch.levels[$0].fanout > 1 }
        isConstrained = arch.levels.contains { !$0.constraints.isNone }
    }

    /// Whether level `l` may hold a temporal loop over `d`.
    func allowsTime(_ l: Int, _ d: ProblemDimension) -> Bool {
        !arch.levels[l].constraints.temporalForbidden.contains(d)
    }

    /// The largest factor `d` may still take in level `s`'s fanout.
    func spatialRoom(_ s: Int, _ d: ProblemDimension, _ spatial: LoopExtents) -> Int {
        arch.levels[s].constraints.spatialRoom(for: d, in: spatial, level: arch.levels[s])
    }

    /// The nearest level at or above `l` that may hold a temporal `d` loop
    /// (main memory when every level forbids it).
    func timeLevel(atOrAbove l: Int, for d: ProblemDimension) -> Int {
        (l...top).first { allowsTime($0, d) } ?? top
    }

    /// Loop order that keeps `t` stationary: its irrelevant dimensions innermost.
    static func order(stationary t: DataTensor) -> [ProblemDimension] {
        let all = ProblemDimension.allCases
        return all.filter { LoopProblem.isRelevant($0, to: t) } + all.filter { !LoopProblem.isRelevant($0, to: t) }
    }

    static func primeFactors(_ n: Int) -> [Int] {
        var out: [Int] = [], n = n, f = 2
        while f * f <= n {
            while n % f == 0 { out.append(f); n /= f }
            f += 1
        }
        if n > 1 { out.append(n) }
        return out
    }

    static func largestDivisor(of n: Int, atMost limit: Int) -> Int {
        var best = 1
        var d = 1
        while d <= min(n, limit) {
            if n % d == 0 { best = d }
            d += 1
        }
        return best
    }

    // MARK: Enumeration

    /// Spatial assignments ranked by PE use (ties keep enumeration order).
    func spatialOptions(keep: Int) -> [[LoopExtents]] {
        var options: [(used: Int, spatial: [LoopExtents])] = [([LoopExtents](repeating: .ones, count: top + 1), 1)]
            .map { ($0.1, $0.0) }
        for s in spatialLevels {
            var next: [(used: Int, spatial: [LoopExtents])] = []
            for (used, spatial) in options {
                var remaining = problem.bounds
                for l in spatial.indices { remaining /= spatial[l] }
                next.append((used, spatial))
                let dims = ProblemDimension.allCases.filter { remaining[$0] > 1 }
                for (i, d1) in dims.enumerated() {
                    let f1 = MapperSearch.largestDivisor(of: remaining[d1], atMost: spatialRoom(s, d1, spatial[s]))
                    guard f1 > 1 else { continue }
                    var one = spatial
                    one[s][d1] = f1
                    next.append((used * f1, one))
                    for d2 in dims[(i + 1)...] {
                        let f2 = MapperSearch.largestDivisor(of: remaining[d2], atMost: spatialRoom(s, d2, one[s]))
                        guard f2 > 1 else { continue }
                        var two = one
                        two[s][d2] = f2
                        next.append((used * f1 * f2, two))
                    }
                }
            }
            options = Array(next.enumerated().sorted { a, b in
                a.element.used != b.element.used ? a.element.used > b.element.used : a.offset < b.offset
            }.prefix(keep * 4).map(\.element))
        }
        return options.prefix(keep).map(\.spatial)
    }

    /// Greedy fills of the `keep` best spatial options under three stationary orders.
    func enumerated(keep: Int = 6) -> [Mapping] {
        var out: [Mapping] = []
        for spatial in spatialOptions(keep: keep) {
            for t in [DataTensor.weights, .outputs, .inputs] {
                let order = MapperSearch.order(stationary: t)
                var m = Mapping(temporal: [LoopExtents](repeating: .ones, count: top + 1), spatial: spatial,
                                order: arch.levels.map { $0.constraints.order ?? order })
                var remaining = problem.bounds
                for l in spatial.indices { remaining /= spatial[l] }
                m.temporal[top] = remaining
                for l in 0..<top {
                    for d in m.order[l].reversed() where allowsTime(l, d) {
                        for f in MapperSearch.primeFactors(m.temporal[top][d]) {
                            var trial = m
                            trial.temporal[top][d] /= f
                            trial.temporal[l][d] *= f
                            guard LoopNestModel.violation(problem, arch, trial) == nil else { break }
                            m = trial
                        }
                    }
                }
                out.append(m)
            }
        }
        return out
    }

    // MARK: Random sampling and mutation

    mutating func randomOrder() -> [ProblemDimension] {
        if rng.next() % 4 == 0 { return ProblemDimension.allCases.shuffled(using: &rng) }
        return MapperSearch.order(stationary: DataTensor.allCases[Int(rng.next() % 3)])
    }

    mutating func randomMapping() -> Mapping {
        var spatial = [LoopExtents](repeating: .ones, count: top + 1)
        var remaining = problem.bounds
        for s in spatialLevels {
            for d in ProblemDimension.allCases.shuffled(using: &rng) where remaining[d] > 1 {
                let room = spatialRoom(s, d, spatial[s])
                guard room > 1, rng.next() % 10 < 7 else { continue }
                let divisors = (1...min(remaining[d], room)).filter { remaining[d] % $0 == 0 }
                let f = rng.next() % 2 == 0 ? divisors.last! : divisors[Int(rng.next() % UInt64(divisors.count))]
                spatial[s][d] = f
                remaining[d] /= f
            }
        }
        var temporal = [LoopExtents](repeating: .ones, count: top + 1)
        for d in ProblemDimension.allCases {
            let levels = (0...top).filter { allowsTime($0, d) }
            for f in MapperSearch.primeFactors(remaining[d]) {
                temporal[levels.isEmpty ? top : levels[Int(rng.next() % UInt64(levels.count))]][d] *= f
            }
        }
        var order: [[ProblemDimension]] = []
        for l in 0...top { order.append(arch.levels[l].constraints.order ?? randomOrder()) }
        return Mapping(temporal: temporal, spatial: spatial, order: order)
    }

    mutating func mutated(_ base: Mapping) -> Mapping? {
        var m = base
        switch rng.next() % 3 {
        case 0:  // move a prime factor between temporal levels
            let from = (0...top).filter { m.temporal[$0].product > 1 }
            guard !from.isEmpty else { return nil }
            let a = from[Int(rng.next() % UInt64(from.count))]
            let dims = ProblemDimension.allCases.filter { m.temporal[a][$0] > 1 }
            let d = dims[Int(rng.next() % UInt64(dims.count))]
            let primes = MapperSearch.primeFactors(m.temporal[a][d])
            let f = primes[Int(rng.next() % UInt64(primes.count))]
            let b = Int(rng.next() % UInt64(top + 1))
            guard b != a else { return nil }
            m.temporal[a][d] /= f
            m.temporal[b][d] *= f
        case 1:  // change one level's loop order
            let l = Int(rng.next() % UInt64(top + 1))
            if rng.next() % 2 == 0 {
                m.order[l] = randomOrder()
            } else {
                let i = Int(rng.next() % 7)
                m.order[l].swapAt(i, i + 1)
            }
        default:  // trade a prime factor between space and time
            guard !spatialLevels.isEmpty else { return nil }
            let s = spatialLevels[Int(rng.next() % UInt64(spatialLevels.count))]
            let d = ProblemDimension.allCases[Int(rng.next() % 8)]
            let l = Int(rng.next() % UInt64(top + 1))
            if m.spatial[s][d] > 1 && rng.next() % 2 == 0 {
                let f = MapperSearch.primeFactors(m.spatial[s][d]).last!
                m.spatial[s][d] /= f
                m.temporal[l][d] *= f
            } else {
                guard let from = (0...top).first(where: { m.temporal[$0][d] > 1 }) else { return nil }
                let f = MapperSearch.primeFactors(m.temporal[from][d]).first!
                guard m.spatial[s].product * f <= arch.levels[s].fanout else { return nil }
                m.temporal[from][d] /= f
                m.spatial[s][d] *= f
            }
        }
        return m
    }

    // MARK: Repair

    /// The mapping moved into the levels' constraints: forbidden temporal
    /// factors go out to the nearest level that allows them; forbidden or
    /// overflowing spatial factors become temporal loops at or above their
    /// level; fixed permutations replace the orders. Nil when a spatial
    /// factor has nowhere to go.
    func constrained(_ mapping: Mapping) -> Mapping? {
        guard isConstrained else { return mapping }
        var m = mapping
        for l in 0...top {
            let c = arch.levels[l].constraints
            if let order = c.order { m.order[l] = order }
            for d in ProblemDimension.allCases {
                if m.temporal[l][d] > 1 && !allowsTime(l, d) {
                    m.temporal[timeLevel(atOrAbove: l, for: d)][d] *= m.temporal[l][d]
                    m.temporal[l][d] = 1
                }
                if m.spatial[l][d] > 1 && c.spatialForbidden.contains(d) {
                    m.temporal[timeLevel(atOrAbove: l, for: d)][d] *= m.spatial[l][d]
                    m.spatial[l][d] = 1
                }
            }
            // Shrink spatial factors until the mesh holds them.
            while c.violation(temporal: .ones, spatial: m.spatial[l], order: [], level: arch.levels[l]) != nil {
                guard let d = ProblemDimension.allCases.filter({ m.spatial[l][$0] > 1 }).max(by: { m.spatial[l][$0] < m.spatial[l][$1] })
                else { return nil }
                let f = MapperSearch.primeFactors(m.spatial[l][d]).first!
                m.spatial[l][d] /= f
                m.temporal[timeLevel(atOrAbove: l, for: d)][d] *= f
            }
        }
        return m
    }

    /// Moves temporal factors outward until every level's tile fits, evicting
    /// dimensions the level's tensors depend on from the highest level that
    /// has one. Nil when spatial factors alone overflow a level.
    func repaired(_ mapping: Mapping) -> Mapping? {
        var m = mapping
        var tile = LoopExtents.ones
        for l in 0..<top {
            let level = arch.levels[l]
            tile &*= m.temporal[l] &* m.spatial[l]
            guard let capacity = level.capacityWords, !level.keeps.isEmpty else { continue }
            while level.keeps.reduce(0, { $0 + problem.footprint(of: $1, tile) }) > capacity {
                var victim: (level: Int, dim: ProblemDimension)?
                search: for v in stride(from: l, through: 0, by: -1) {
                    for d in ProblemDimension.allCases where m.temporal[v][d] > 1
                        && level.keeps.contains(where: { LoopProblem.isRelevant(d, to: $0) }) {
                        if victim == nil || m.temporal[v][d] > m.temporal[victim!.level][victim!.dim] { victim = (v, d) }
                    }
                    if victim != nil { break search }
                }
                guard let (v, d) = victim else { return nil }
                let f = MapperSearch.primeFactors(m.temporal[v][d]).first!
                m.temporal[v][d] /= f
                m.temporal[timeLevel(atOrAbove: l + 1, for: d)][d] *= f
                tile[d] /= f
            }
        }
        return m
    }
}
