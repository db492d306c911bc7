import GymCore

extension Mapper {
    /// Evaluations each rung of the capacity ladder may spend: an eighth of
    /// the budget (at least one), the same at every rung and for every
    /// architecture, so a rung's search never depends on the real capacity.
    var rungBudget: Int { max(1, budget / Mapper.rungShare) }
    static let rungShare = 8

    /// The search of the `last-level-accesses` goal, made monotone in the
    /// capacity of the outermost bounded level that keeps a tensor (the
    /// global buffer on Eyeriss-like hierarchies).
    ///
    /// A bounded search adapts to capacity: with more room it visits
    /// different candidates and may miss a mapping it found with less (issue
    /// #4 saw AlexNet conv1/conv2 at 2,048 global-buffer rows come out worse
    /// than at 1,024). So the search runs at a fixed ladder of capacities for
    /// that level, 1, 2, 4, … words up to the real capacity, on the real
    /// architecture with only that level's capacity replaced by the rung:
    /// - rungs that do not hold even the all-at-top mapping are skipped;
    /// - each rung's search is steered by (DRAM words, cycles), which depend
    ///   on the mapping, fanouts and bandwidths but not on the level's depth
    ///   (its access energy does, so EDP cannot steer), starts from the
    ///   previous rung's result, tries the two fullest spatial assignments in
    ///   its enumeration, and spends `rungBudget` evaluations (an eighth of
    ///   that on rungs too small for one tile of the fullest spatial
    ///   assignment, which only pass a start up);
    /// - the ladder stops at the first rung that holds the whole tensors the
    ///   level keeps (every tile fits there; larger rungs search alike), or
    ///   whose result moves every word once (no rung can move fewer).
    /// The answer is the best rung result by the goal's score (DRAM words,
    /// then EDP) on the real architecture.
    ///
    /// Guarantee (by construction, for any budget and seed): for two
    /// architectures that differ only in that level's capacity (depth, block
    /// size, and with them its access energies, leakage, area, banks or
    /// class; same fanout, keeps and bandwidths), the larger capacity never
    /// gets a mapping with more DRAM words. The smaller one's rungs are a
    /// prefix of the larger one's, every rung's result is the same on both
    /// (nothing in a rung's search depends on the real capacity), and each
    /// answer is the fewest DRAM words over its rungs. A capacity that is not
    /// a power of two is searched as the power of two below it.
    ///
    /// Not guaranteed: the EDP tie-break (a bigger buffer also costs more per
    /// access); the same across changes of another level's capacity (a
    /// scratchpad: a ladder over every level at once would need a search per
    /// point of their product, thousands per layer; at budget 400 a doubled
    /// AlexNet scratchpad raised DRAM words in 8 of 120 steps, by up to
    /// 2.4×); anything under the other goals, whose single adaptive search
    /// can trade DRAM words for energy or cycles (EDP at budget 400: conv1 at
    /// 4,096 and conv2 at 16,384 global-buffer rows move 31% and 59% more
    /// than at half the rows); and capacities of fewer words than twice the
    /// number of tensors the level keeps, where no power-of-two rung holds
    /// the all-at-top mapping and `map` falls back to the single search
    /// (this returns nil, as it does when no level below main memory is
    /// bounded and keeps a tensor).
    func ladderMap(_ problem: LoopProblem, on arch: Architecture, spatialOptions: Int = 2) -> Choice? {
        let top = arch.levels.count - 1
        guard let g = (0..<top).last(where: { arch.levels[$0].capacityWords != nil && !arch.levels[$0].keeps.isEmpty }),
              let capacity = arch.levels[g].capacityWords else { return nil }
        let trivial = Mapping.allAtTop(problem, levels: arch.levels.count)
        // From `whole` words on, every tile of the level's tensors fits.
        let whole = arch.levels[g].keeps.reduce(0) { $0 + problem.size(of: $1) }
        let compulsory = Double(DataTensor.allCases.reduce(0) { $0 + problem.size(of: $1) })
        let steer = { (r: LoopNestResult) in Score(primary: r.topAccesses, secondary: r.cycles) }
        // Rungs that cannot hold one tile of the fullest spatial assignment
        // only map onto fewer PEs: they pass a start up at an eighth of the cost.
        let fullest = MapperSearch(problem: problem, arch: arch, rng: SplitMix64(seed: 0)).spatialOptions(keep: 1)[0]
        let spread = fullest[...g].reduce(LoopExtents.ones, &*)
        let crowded = arch.levels[g].keeps.reduce(0) { $0 + problem.footprint(of: $1, spread) }
        var best: (choice: Choice, score: Score)?
        var previous: Mapping?
        var evaluated = 0
        var rung = 1
        while rung <= capacity {
            var rungArch = arch
            rungArch.levels[g].depth = rung
            rungArch.levels[g].blockSize = 1
            if LoopNestModel.violation(problem, rungArch, trivial) == nil {
                let found = search(problem, on: rungArch, score: steer, budget: rung < crowded ? max(1, rungBudget / 8) : rungBudget, warmStart: previous,
                                   spatialOptions: spatialOptions)
                previous = found.mapping
                evaluated += found.evaluated
                // Legal on the real architecture too: its capacity is at least the rung's.
                let result = LoopNestModel.evaluate(problem, arch, found.mapping)
                let s = score(result)
                if best.map({ s < $0.score }) ?? true {
                    best = (Choice(mapping: found.mapping, result: result, evaluated: 0), s)
                }
                // Every word read and written once: no larger rung can move fewer.
                if found.result.topAccesses <= compulsory { break }
            }
            if rung >= whole || rung > capacity / 2 { break }
            rung *= 2
        }
        guard var choice = best?.choice else { return nil }
        choice.evaluated = evaluated
        return choice
    }
}
