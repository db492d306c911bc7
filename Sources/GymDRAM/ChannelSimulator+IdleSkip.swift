/// Where an idle state was seen: the cycle of the pass and the log length then.
struct IdleMark: Sendable, Hashable {
    var cycle: Int
    var logCount: Int
}

/// Skipping long idle stretches in O(1) (issue 20: a trace gap of 10^12
/// cycles took time linear in the gap, and memory for every refresh).
///
/// While no request is buffered, in flight or due for a long time and no
/// rank powers down, the controller only refreshes, and refresh is periodic
/// (docs/references.md §4: one REF every tREFI, per-bank and same-bank
/// refresh rotating through the banks). The simulator keeps stepping, event
/// by event, and notes its complete state at each pass, relative to the
/// pass's cycle (timing constraints already met count as met). The first
/// time a state recurs, every pass from then on would repeat the passes
/// since, shifted by the period: the simulator logs that period's commands
/// once with a repeat count (`CommandRepeat`) and moves its clock, refresh
/// rotation and pending timing constraints that many periods on, stopping
/// at least one period before the next arrival. Results equal stepping's
/// bit for bit: the same commands at the same cycles (expanded on demand),
/// and the same energy (`DRAMEnergy` adds the repeated refreshes exactly).
extension ChannelSimulator {
    /// Idle states remembered at most (several refresh rotations of every rank).
    var maxIdleStates: Int { 512 }

    /// At the top of a pass: notes the idle state, or skips whole periods
    /// when it recurs.
    mutating func skipIdleStretch() {
        guard let arrival = idleUntil() else {
            if !idleStates.isEmpty { idleStates.removeAll(keepingCapacity: true) }
            return
        }
        let signature = idleSignature()
        guard let seen = idleStates[signature] else {
            if idleStates.count >= maxIdleStates { idleStates.removeAll(keepingCapacity: true) }
            idleStates[signature] = IdleMark(cycle: now, logCount: log.count)
            return
        }
        idleStates.removeAll(keepingCapacity: true)
        let period = now - seen.cycle
        let block = seen.logCount..<log.count
        // Stop a period short of the arrival: every pass skipped then lies
        // before it, so none would have seen the request.
        let times = (arrival - now) / period - 1
        guard period > 0, times >= 1, repeatsCleanly(block, period: period) else { return }
        var refreshes = Array(repeating: 0, count: ranks)
        for i in block { refreshes[log[i].rank] += times }
        repeats.append(CommandRepeat(start: block.lowerBound, count: block.count, period: period, times: times))
        let skipped = times * period
        refresh.advance(by: skipped, refreshes: refreshes)
        timing.shift(by: skipped, after: now)
        now += skipped
    }

    /// The next arrival, when the controller idles until it and it is far:
    /// nothing buffered or waiting for a release, every bank closed and every
    /// rank awake, refresh running on its own.
    @inline(__always)
    private func idleUntil() -> Int? {
        // The arrival first: on a busy trace it is near, and this is the one
        // test every pass pays.
        let arrival = arbiter.nextArrival(requests, after: now)
        guard arrival != Int.max, arrival - now > idleGapWorthSkipping else { return nil }
        guard refresh.runsUnattended, !arbiter.hasPendingReleases, banks.allBanksClosed else { return nil }
        for r in 0..<ranks where !buffer.isIdle(rank: r) || !powerDown.acceptsBankCommands(rank: r) { return nil }
        return arrival
    }

    /// Everything that decides the passes to come, relative to `now`.
    private func idleSignature() -> [Int] {
        var s: [Int] = []
        refresh.appendIdleSignature(now: now, to: &s)
        timing.appendIdleSignature(now: now, to: &s)
        banks.appendIdleSignature(now: now, to: &s)
        return s
    }

    /// Whether `block` is refreshes only, and on each rank each refresh ends
    /// before the next starts, also across the period: then the repeated
    /// refreshes are disjoint from each other and from every other command's
    /// activity, which `DRAMEnergy` relies on to add them up exactly.
    private func repeatsCleanly(_ block: Range<Int>, period: Int) -> Bool {
        var first = Array(repeating: Int.min, count: ranks), reach = Array(repeating: Int.min, count: ranks)
        for i in block {
            let c = log[i]
            guard let length = DRAMEnergy.refreshCycles(c.command, refresh.spec.timing) else { return false }
            guard c.cycle >= reach[c.rank] else { return false }
            if first[c.rank] == Int.min { first[c.rank] = c.cycle }
            reach[c.rank] = c.cycle + length
        }
        for r in 0..<ranks where first[r] != Int.min && reach[r] > first[r] + period { return false }
        return true
    }
}
