/// The controller's timing checker (DRAMSys Checker; JEDEC timings as data,
/// docs/references.md §4): the earliest cycle each command may issue, per
/// bank, bank group and rank, kept up to date by replaying
/// `TimingConstraint`s on every issued command.
struct TimingState: Sendable {
    private let ranks: Int, banks: Int, groups: Int, banksPerGroup: Int
    private let n = DRAMCommand.count
    private var bankNext: [Int], groupNext: [Int], rankNext: [Int]
    /// Constraints grouped by preceding command and scope, flat (no nested
    /// arrays to retain and no switch per rule in the hot path): the rules of
    /// command c in scope s are `ruleStart[c * scopes + s]..<ruleStart[c * scopes + s + 1]`.
    private let ruleStart: [Int]
    private let ruleFollowing: [Int], ruleLatency: [Int]
    private static let scopes = TimingScope.allCases.count
    /// Rolling-window rules (tFAW) and, per rank, the recent issue times of their preceding command.
    private let windows: [TimingConstraint]
    /// Per (rank, window rule): the last `window` issue times, oldest first.
    private var windowTimes: [Int]
    private let windowDepth: Int
    /// Per command: whether some window rule has it as the following command.
    private let windowed: [Bool]

    init(spec: MemSpec) {
        let o = spec.organisation
        ranks = o.ranks; banks = o.banks; groups = o.bankGroups; banksPerGroup = o.banksPerGroup
        bankNext = Array(repeating: 0, count: ranks * banks * n)
        groupNext = Array(repeating: 0, count: ranks * groups * n)
        rankNext = Array(repeating: 0, count: ranks * n)
        var r = Array(repeating: [(scope: TimingScope, following: Int, latency: Int)](), count: n)
        var w: [TimingConstraint] = []
        for c in spec.timingConstraints {
            if c.window > 1 { w.append(c) } else { r[c.preceding.rawValue].append((c.scope, c.following.rawValue, c.latency)) }
        }
        // Rules of one preceding command, grouped by scope in TimingScope order.
        let grouped = r.map { rules in TimingScope.allCases.map { scope in rules.filter { $0.scope == scope } } }.flatMap { $0 }
        var start = [0]
        for g in grouped { start.append(start.last! + g.count) }
        ruleStart = start
        ruleFollowing = grouped.flatMap { $0.map(\.following) }
        ruleLatency = grouped.flatMap { $0.map(\.latency) }
        windows = w
        windowed = DRAMCommand.allCases.map { c in w.contains { $0.following == c } }
        windowDepth = w.map(\.window).max() ?? 1
        windowTimes = Array(repeating: Int.min, count: ranks * max(1, w.count) * windowDepth)
    }

    /// Earliest cycle `command` may issue on `rank` / `bank` (bank -1 = whole
    /// rank; for REFSB, `bank` is the bank index inside every group).
    @inline(__always)
    func earliest(_ command: DRAMCommand, rank: Int, bank: Int) -> Int {
        // Rank rules and rolling windows apply to every command alike.
        var t = rankEarliest(command, rank: rank)
        if bank >= 0 && command != .refsb { return max(t, bankEarliest(command, rank: rank, bank: bank)) }
        var b = command == .refsb ? bank : 0
        let step = command == .refsb ? banksPerGroup : 1
        while b < banks {
            t = max(t, bankEarliest(command, rank: rank, bank: b))
            b += step
        }
        return t
    }

    /// The rank-wide part of `earliest`: rank rules and rolling windows.
    /// For a one-bank command, `earliest` = max(this, `bankEarliest`).
    @inline(__always)
    func rankEarliest(_ command: DRAMCommand, rank: Int) -> Int {
        let c = command.rawValue
        var t = rankNext[rank * n + c]
        guard windowed[c] else { return t }
        for i in 0..<windows.count where windows[i].following == command {
            let k = (rank * windows.count + i) * windowDepth
            // Slot k holds the oldest of the last `window` issues (or Int.min).
            if windowTimes[k] != Int.min { t = max(t, windowTimes[k] + windows[i].latency) }
        }
        return t
    }

    /// The bank and bank-group part of `earliest` for one bank.
    @inline(__always)
    func bankEarliest(_ command: DRAMCommand, rank: Int, bank: Int) -> Int {
        let c = command.rawValue
        return max(bankNext[(rank * banks + bank) * n + c], groupNext[(rank * groups + bank / banksPerGroup) * n + c])
    }

    /// Records that `command` issued at `cycle`.
    mutating func issue(_ command: DRAMCommand, rank: Int, bank: Int, at cycle: Int) {
        let touchesOne = bank >= 0 && command != .refsb
        let first = touchesOne ? bank : command == .refsb ? bank : 0
        let last = touchesOne ? bank : banks - 1
        let step = command == .refsb ? banksPerGroup : 1
        let s = command.rawValue * TimingState.scopes
        let ranks = self.ranks, banks = self.banks, groups = self.groups, banksPerGroup = self.banksPerGroup, n = self.n
        // Unchecked buffers: the tables are written once per issued command,
        // the hottest write path of the simulator.
        ruleStart.withUnsafeBufferPointer { start in
            ruleFollowing.withUnsafeBufferPointer { following in
                ruleLatency.withUnsafeBufferPointer { latency in
                    bankNext.withUnsafeMutableBufferPointer { next in
                        for k in start[s]..<start[s + 1] {   // TimingScope.bank
                            let until = cycle + latency[k]
                            var b = first
                            while b <= last {
                                let i = (rank * banks + b) * n + following[k]
                                if next[i] < until { next[i] = until }
                                b += step
                            }
                        }
                    }
                    groupNext.withUnsafeMutableBufferPointer { next in
                        for k in start[s + 1]..<start[s + 2] {   // TimingScope.bankGroup
                            let until = cycle + latency[k]
                            if touchesOne {
                                let i = (rank * groups + bank / banksPerGroup) * n + following[k]
                                if next[i] < until { next[i] = until }
                            } else {
                                for g in 0..<groups { let i = (rank * groups + g) * n + following[k]; next[i] = max(next[i], until) }
                            }
                        }
                    }
                    rankNext.withUnsafeMutableBufferPointer { next in
                        for k in start[s + 2]..<start[s + 3] {   // TimingScope.rank
                            let i = rank * n + following[k], until = cycle + latency[k]
                            if next[i] < until { next[i] = until }
                        }
                        for k in start[s + 3]..<start[s + 4] {   // TimingScope.otherRanks
                            let until = cycle + latency[k]
                            for r in 0..<ranks where r != rank {
                                let i = r * n + following[k]
                                if next[i] < until { next[i] = until }
                            }
                        }
                    }
                }
            }
        }
        for i in 0..<windows.count where windows[i].preceding == command {
            let k = (rank * windows.count + i) * windowDepth
            let w = windows[i].window
            for j in 0..<(w - 1) { windowTimes[k + j] = windowTimes[k + j + 1] }
            windowTimes[k + w - 1] = cycle
        }
    }

    // MARK: Idle skipping (see ChannelSimulator+IdleSkip)

    /// The earliest cycles relative to `now`, 0 for every constraint already
    /// met (a met constraint never binds again: time only moves on), and
    /// the rolling windows' times, marked met once they no longer bind.
    func appendIdleSignature(now: Int, to s: inout [Int]) {
        for table in [bankNext, groupNext, rankNext] { for v in table { s.append(max(0, v - now)) } }
        let longest = windows.map(\.latency).max() ?? 0
        for v in windowTimes { s.append(v == Int.min ? Int.min : v + longest <= now ? Int.min + 1 : v - now) }
    }

    /// Moves every constraint not yet met at `now` `cycles` later (met ones
    /// stay met), as if the timeline from `now` on were shifted.
    mutating func shift(by cycles: Int, after now: Int) {
        for i in bankNext.indices where bankNext[i] > now { bankNext[i] += cycles }
        for i in groupNext.indices where groupNext[i] > now { groupNext[i] += cycles }
        for i in rankNext.indices where rankNext[i] > now { rankNext[i] += cycles }
    }
}
