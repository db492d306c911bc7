/// The earliest cycle each command may issue, per bank, bank group and rank,
/// kept up to date by replaying `TimingConstraint`s on every issued command.
struct TimingState: Sendable {
    private let ranks: Int, banks: Int, groups: Int, banksPerGroup: Int
    private let n = DRAMCommand.count
    private var bankNext: [Int], groupNext: [Int], rankNext: [Int]
    /// Constraints grouped by preceding command: (scope, following, latency).
    private let rules: [[(scope: TimingScope, following: Int, latency: Int)]]
    /// Rolling-window rules (tFAW) and, per rank, the recent issue times of their preceding command.
    private let windows: [TimingConstraint]
    private var windowHistory: [[Int]]

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
        rules = r
        windows = w
        windowHistory = Array(repeating: [], count: ranks * max(1, w.count))
    }

    /// Banks touched by a command: one bank, all banks (bank -1), or for
    /// REFSB the bank index `bank` in every group.
    @inline(__always)
    private func forEachBank(_ command: DRAMCommand, _ bank: Int, _ body: (Int) -> Void) {
        if command == .refsb {
            for g in 0..<groups { body(g * banksPerGroup + bank) }
        } else if bank >= 0 {
            body(bank)
        } else {
            for b in 0..<banks { body(b) }
        }
    }

    /// Earliest cycle `command` may issue on `rank` / `bank` (bank -1 = whole rank).
    func earliest(_ command: DRAMCommand, rank: Int, bank: Int) -> Int {
        let c = command.rawValue
        var t = rankNext[rank * n + c]
        forEachBank(command, bank) { b in
            t = max(t, bankNext[(rank * banks + b) * n + c], groupNext[(rank * groups + b / banksPerGroup) * n + c])
        }
        for (i, w) in windows.enumerated() where w.following == command {
            let h = windowHistory[rank * windows.count + i]
            if h.count >= w.window { t = max(t, h[h.count - w.window] + w.latency) }
        }
        return t
    }

    /// Records that `command` issued at `cycle`.
    mutating func issue(_ command: DRAMCommand, rank: Int, bank: Int, at cycle: Int) {
        for rule in rules[command.rawValue] {
            let until = cycle + rule.latency
            switch rule.scope {
            case .bank:
                forEachBank(command, bank) { b in
                    let i = (rank * banks + b) * n + rule.following
                    if bankNext[i] < until { bankNext[i] = until }
                }
            case .bankGroup:
                if bank >= 0 && command != .refsb {
                    let i = (rank * groups + bank / banksPerGroup) * n + rule.following
                    if groupNext[i] < until { groupNext[i] = until }
                } else {
                    for g in 0..<groups { let i = (rank * groups + g) * n + rule.following; groupNext[i] = max(groupNext[i], until) }
                }
            case .rank:
                let i = rank * n + rule.following
                if rankNext[i] < until { rankNext[i] = until }
            case .otherRanks:
                for r in 0..<ranks where r != rank {
                    let i = r * n + rule.following
                    if rankNext[i] < until { rankNext[i] = until }
                }
            }
        }
        for (i, w) in windows.enumerated() where w.preceding == command {
            let k = rank * windows.count + i
            windowHistory[k].append(cycle)
            if windowHistory[k].count > w.window { windowHistory[k].removeFirst() }
        }
    }
}
