/// The refresh manager (DRAMSys RefreshManager, docs/references.md §4,
/// RefreshMaxPostponed / RefreshMaxPulledin; JEDEC allows up to 8 each):
/// per rank, refreshes owed as they fall due every interval of its
/// `RefreshScheme`, claimed when forced (more than RefreshMaxPostponed owed)
/// or when the target banks are idle and fewer than RefreshMaxPulledin are
/// pulled in; a claimed refresh closes its target banks, then refreshes.
/// A rank in self-refresh refreshes itself and owes nothing.
struct RefreshManager {
    let scheme: (any RefreshScheme)?
    /// The scheme's command; nil for NoRefresh.
    let kind: DRAMCommand?
    /// Cycles between due refreshes (Int.max for NoRefresh).
    let interval: Int
    let maxPostponed: Int, maxPulledin: Int
    let spec: MemSpec
    let banksPerRank: Int
    /// Per rank: refreshes owed (negative: pulled in), when the next falls
    /// due, how many were issued, and whether one is claimed.
    private var owed: [Int], nextDue: [Int], step: [Int], claimed: [Bool]
    /// Per rank: the banks of the next refresh.
    private var target: [RefreshTarget]

    init(_ scheme: (any RefreshScheme)?, spec: MemSpec, config: ControllerConfiguration) {
        self.scheme = scheme
        self.spec = spec
        kind = scheme?.command
        interval = scheme?.interval(spec) ?? Int.max
        maxPostponed = config.refreshMaxPostponed
        maxPulledin = config.refreshMaxPulledin
        let ranks = spec.organisation.ranks
        banksPerRank = spec.organisation.banks
        owed = Array(repeating: 0, count: ranks)
        nextDue = Array(repeating: interval, count: ranks)
        step = Array(repeating: 0, count: ranks)
        claimed = Array(repeating: false, count: ranks)
        target = Array(repeating: scheme?.target(step: 0, spec) ?? .wholeRank, count: ranks)
    }

    /// Whether rank `r` owes a refresh.
    @inline(__always)
    func owes(rank r: Int) -> Bool { kind != nil && owed[r] > 0 }

    /// Whether a claimed refresh of rank `r` holds bank `b` (no bank command may issue there).
    @inline(__always)
    func holds(rank r: Int, bank b: Int) -> Bool { claimed[r] && target[r].covers(b) }

    /// Whether rank `r` has a claimed refresh.
    @inline(__always)
    func isClaimed(rank r: Int) -> Bool { claimed[r] }

    /// Counts the refreshes falling due by `now` on ranks not in self-refresh.
    @inline(__always)
    mutating func accrue(upTo now: Int, _ powerDown: PowerDownManager) {
        // Tested before the loop, so that passes with nothing due do not pay
        // for preparing the counts for mutation (measured).
        guard earliestDue(powerDown) <= now else { return }
        for r in 0..<owed.count where !powerDown.inSelfRefresh(rank: r) {
            while nextDue[r] <= now { owed[r] += 1; nextDue[r] += interval }
        }
    }

    /// When the next refresh falls due on a rank not in self-refresh (Int.max: never).
    @inline(__always)
    func earliestDue(_ powerDown: PowerDownManager) -> Int {
        guard kind != nil else { return Int.max }
        var t = Int.max
        for r in 0..<nextDue.count where !powerDown.inSelfRefresh(rank: r) { t = min(t, nextDue[r]) }
        return t
    }

    /// Whether the banks of rank `r`'s next refresh have no buffered request.
    @inline(__always)
    private func targetsIdle(rank r: Int, _ buffer: RequestBuffer) -> Bool {
        if buffer.isIdle(rank: r) { return true }
        let t = target[r]
        if t.coversRank { return false }
        var b = t.first
        while b < banksPerRank {
            if buffer.count(rank: r, bank: b) > 0 { return false }
            b += t.stride
        }
        return true
    }

    /// Whether rank `r` may want a command (a conservative, side-effect-free
    /// mirror of `command(rank:_:_:)`).
    @inline(__always)
    func mayAct(rank r: Int, _ buffer: RequestBuffer) -> Bool {
        guard kind != nil else { return false }
        if claimed[r] || owed[r] > maxPostponed { return true }
        return owed[r] > -maxPulledin && targetsIdle(rank: r, buffer)
    }

    /// The command rank `r`'s refresh needs now, claiming one when it is
    /// forced or may be pulled in: close the target banks, then refresh.
    @inline(__always)
    mutating func command(rank r: Int, _ buffer: RequestBuffer, _ banks: BankMachines) -> (DRAMCommand, Int)? {
        guard let kind else { return nil }
        if !claimed[r], owed[r] > maxPostponed || (owed[r] > -maxPulledin && targetsIdle(rank: r, buffer)) {
            claimed[r] = true
        }
        guard claimed[r] else { return nil }
        let t = target[r]
        if t.coversRank { return banks.allClosed(rank: r) ? (kind, -1) : (.prea, -1) }
        var b = t.first
        while b < banksPerRank {
            if banks.isOpen(rank: r, bank: b) { return (.pre, b) }
            b += t.stride
        }
        return (kind, t.bank)
    }

    // MARK: Idle skipping (see ChannelSimulator+IdleSkip)

    /// Whether refresh runs on its own while nothing else happens: a scheme
    /// is set and no refresh is claimed (half-way through closing banks).
    var runsUnattended: Bool { kind != nil && !claimed.contains(true) }

    /// The state that decides future refreshes, relative to `now`: debt,
    /// claims, cycles to the next due and the position in the target rotation
    /// (a whole number of rotations later, targets repeat).
    func appendIdleSignature(now: Int, to s: inout [Int]) {
        let rotation = max(1, spec.organisation.banks)
        for r in 0..<owed.count { s += [owed[r], claimed[r] ? 1 : 0, nextDue[r] - now, step[r] % rotation] }
    }

    /// `cycles` later, after `refreshes[r]` more refreshes on rank `r`, all
    /// as the skipped periods would have issued them.
    mutating func advance(by cycles: Int, refreshes: [Int]) {
        for r in 0..<owed.count {
            nextDue[r] += cycles
            step[r] += refreshes[r]
            target[r] = scheme?.target(step: step[r], spec) ?? .wholeRank
        }
    }

    /// Bookkeeping for an issued command: a refresh pays one owed and moves
    /// to the next target; self-refresh entry clears the debt, and its exit
    /// restarts the interval.
    @inline(__always)
    mutating func update(after c: IssuedCommand) {
        switch c.command {
        case .refab, .refpb, .refsb:
            let r = c.rank
            owed[r] -= 1
            step[r] += 1
            target[r] = scheme?.target(step: step[r], spec) ?? .wholeRank
            claimed[r] = false
        case .srefen:
            owed[c.rank] = 0
            claimed[c.rank] = false
        case .srefex:
            nextDue[c.rank] = c.cycle + interval
        default:
            break
        }
    }
}
