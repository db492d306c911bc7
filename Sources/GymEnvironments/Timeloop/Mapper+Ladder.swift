import GymCore

extension Mapper {
    /// Evaluations each rung of the capacity ladder may spend: a quarter of
    /// the budget (at least one), the same at every rung and for every
    /// architecture, so a rung's search never depends on the real capacity.
    var rungBudget: Int { max(1, budget / 4) }

    /// The search of the `last-level-accesses` goal, made monotone in the
    /// capacity of the outermost bounded level (the global buffer on
    /// Eyeriss-like hierarchies).
    ///
    /// A bounded search adapts to capacity: with more room it visits
    /// different candidates and may miss a mapping it found with less (issue
    /// #4 saw AlexNet conv1/conv2 at 2,048 global-buffer rows come out worse
    /// than at 1,024). So the search runs at a fixed ladder of capacities for
    /// that level, 1, 2, 4, … words up to the real capacity (rungs that do not
    /// even hold the all-at-top mapping are skipped; the ladder stops at the
    /// first rung that holds the whole tensors the level keeps, since every
    /// tile fits there and larger rungs would search identically). Each rung's
    /// search is steered by (DRAM words, cycles), neither of which depends on
    /// that level's depth, starts from the previous rung's result and spends
    /// `rungBudget` evaluations; the answer is the best rung result by the
    /// goal's score on the real architecture.
    ///
    /// Guarantee (by construction, any budget and seed): for two
    /// architectures that differ only in that level's capacity (depth, block
    /// size, and with them its energies, leakage, area, banks or class), the
    /// larger capacity never gets a mapping with more DRAM words: the rungs of
    /// the smaller one are a prefix of the larger one's, and every rung's
    /// result is the same on both, because the level's capacity enters a
    /// rung's search only as the rung and nothing else about the level
    /// steers it. A capacity that is not a power of two is searched as the
    /// power of two below it.
    ///
    /// Not guaranteed: the same across changes of other levels' capacities
    /// (a scratchpad: a ladder over every level at once would cost a search
    /// per point of their product), nor anything for the other goals, whose
    /// single adaptive search can trade DRAM words for energy or cycles and
    /// whose scores depend on the level's depth through its access energy.
    ///
    /// Nil when no level below main memory has a bounded capacity and keeps
    /// a tensor (then there is no ladder to climb).
    func ladderMap(_ problem: LoopProblem, on arch: Architecture) -> Choice? {
        let top = arch.levels.count - 1
        guard let g = (0..<top).last(where: { arch.levels[$0].capacityWords != nil && !arch.levels[$0].keeps.isEmpty }),
              let capacity = arch.levels[g].capacityWords else { return nil }
        let trivial = Mapping.allAtTop(problem, levels: arch.levels.count)
        // From `whole` words on, every tile of the level's tensors fits.
        let whole = arch.levels[g].keeps.reduce(0) { $0 + problem.size(of: $1) }
        let steer = { (r: LoopNestResult) in Score(primary: r.topAccesses, secondary: r.cycles) }
        var best: (choice: Choice, score: Score)?
        var previous: Mapping?
        var evaluated = 0
        var rung = 1
        while rung <= capacity {
            var rungArch = arch
            rungArch.levels[g].depth = rung
            rungArch.levels[g].blockSize = 1
            if LoopNestModel.violation(problem, rungArch, trivial) == nil {
                let found = search(problem, on: rungArch, score: steer, budget: rungBudget, warmStart: previous)
                previous = found.mapping
                evaluated += found.evaluated
                // Legal on the real architecture too: its capacity is at least the rung's.
                let result = LoopNestModel.evaluate(problem, arch, found.mapping)
                let s = score(result)
                if best.map({ s < $0.score }) ?? true {
                    best = (Choice(mapping: found.mapping, result: result, evaluated: 0), s)
                }
            }
            if rung >= whole || rung > capacity / 2 { break }
            rung *= 2
        }
        guard var choice = best?.choice else { return nil }
        choice.evaluated = evaluated
        return choice
    }
}
