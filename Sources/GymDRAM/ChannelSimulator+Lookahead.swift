/// Skipping idle cycles after a bank command: the cycle after an issue often
/// has nothing to do (every bank waits for tRCD, tRP, tFAW ...), and a pass
/// there would only find that out. This computes the first cycle at which
/// anything can change instead; the passes skipped would have issued
/// nothing, admitted nothing and changed no refresh or power state, so the
/// result equals a pass at every cycle.
extension ChannelSimulator {
    /// The cycle of the next pass after a bank command issued on `rank`,
    /// `bank` at `now`, given `others`, a lower bound on when any other bank
    /// (or a rank-level command found waiting) can issue.
    mutating func nextPass(afterIssuingOn rank: Int, bank: Int, othersFrom others: Int) -> Int {
        let soon = now + 1
        guard others > soon else { return soon }
        for r in 0..<ranks where managementMayAct(rank: r) { return soon }
        var next = min(others, earliestBankCommand(rank: rank, bank: bank))
        guard next > soon else { return soon }
        if nextRequest < requests.count {
            // Admission waits for arrival (and the arbiter); a full buffer
            // waits for a column command, a transaction cap for a release.
            let r = requests[nextRequest]
            if (!capsTransactions || inFlight < config.maxActiveTransactions) && hasSpace(r) { next = min(next, readyCycle(r)) }
        }
        if refreshKind != nil {
            for r in 0..<ranks where power[r] != .selfRefresh { next = min(next, nextDue[r]) }
        }
        if capsTransactions, let release = releases.minimum { next = min(next, release) }
        return next == Int.max ? soon : max(soon, next)
    }

    /// Whether rank `r`'s refresh or power-down manager may want a command
    /// (a conservative, side-effect-free mirror of `managementCommand`).
    func managementMayAct(rank r: Int) -> Bool {
        if power[r] != .awake || wantsSelfRefresh[r] { return true }
        if refreshKind != nil {
            if claimed[r] || owed[r] > config.refreshMaxPostponed { return true }
            if owed[r] > -config.refreshMaxPulledin && refreshTargetsIdle(rank: r) { return true }
        }
        return config.powerDownPolicy == .staggered && queuedPerRank[r] == 0
    }

    /// The earliest cycle of bank `b`'s next command (Int.max when it has no
    /// request), choosing its request first when the choice is stale, exactly
    /// as the next pass would: any change before then makes it stale again.
    mutating func earliestBankCommand(rank r: Int, bank b: Int) -> Int {
        let q = r * banks + b
        guard queueCount[q] > 0 else { return Int.max }
        if bound[q] < 0 {
            chosen[q] = scheduler.pick(slots, q * capacity..<(q * capacity + queueCount[q]), openRow: openRow[q], lastWasWrite: lastWasWrite)
            bound[q] = 0
        }
        let req = slots[q * capacity + chosen[q]]
        let open = openRow[q]
        let command: DRAMCommand, slot: UInt8
        if open == req.row {
            (command, slot) = req.isWrite ? (.wr, PendingSlot.write) : (.rd, PendingSlot.read)
        } else {
            (command, slot) = open < 0 ? (.act, PendingSlot.act) : (.pre, PendingSlot.pre)
        }
        let local = timing.bankEarliest(command, rank: r, bank: b)
        bound[q] = local
        pending[q] = slot
        return max(local, timing.rankEarliest(command, rank: r))
    }
}
