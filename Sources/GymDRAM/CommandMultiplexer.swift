/// The command multiplexer (DRAMSys CmdMuxOldest, docs/references.md §4): of
/// the bank machines whose next command is legal now (every JEDEC timing
/// rule of `TimingState` met), it takes the one serving the oldest request.
/// Ranks asleep or heading for self-refresh, and banks a claimed refresh
/// holds, take no bank command. Rank-level commands (refresh, power-down)
/// go before any of these; `ChannelSimulator` asks their managers first.
/// It reads the components in place (an extension of the controller rather
/// than a function of copied components: measured faster in this hot loop),
/// and also answers when one bank could issue next (for skipping idle cycles).
extension ChannelSimulator {
    /// The ready command of the oldest request the bank machines chose, or
    /// nil; lowers `wake` to when one becomes legal. With a command, `wake`
    /// is a lower bound on when another bank can issue.
    @inline(__always)
    mutating func oldestReadyBankCommand(wake: inout Int) -> BankCommand? {
        var best: (command: DRAMCommand, rank: Int, bank: Int, offset: Int, id: Int)?
        // A due bank other than the chosen one was ready, or not evaluated.
        var contested = false
        let banksPerRank = banks.banksPerRank
        for r in 0..<ranks where powerDown.acceptsBankCommands(rank: r) && !buffer.isIdle(rank: r) {
            let refreshing = refresh.isClaimed(rank: r)
            // The rank-wide part of the earliest cycle of each command a bank
            // can be waiting for, fresh: no command issues during the pass.
            let rankAct = timing.rankEarliest(.act, rank: r), rankPre = timing.rankEarliest(.pre, rank: r)
            let rankRead = timing.rankEarliest(.rd, rank: r), rankWrite = timing.rankEarliest(.wr, rank: r)
            // A tight pass over the bounds (no access to self inside, so no
            // copies): which banks may issue now, and the soonest of the rest.
            let base = r * banksPerRank, count = banksPerRank, current = now
            let (ready, floor) = withUnsafeTemporaryAllocation(of: Int.self, capacity: PendingSlot.count) { table in
                table[Int(PendingSlot.act)] = rankAct
                table[Int(PendingSlot.pre)] = rankPre
                table[Int(PendingSlot.read)] = rankRead
                table[Int(PendingSlot.write)] = rankWrite
                table[Int(PendingSlot.unknown)] = Int.min
                return banks.bound.withUnsafeBufferPointer { p in
                    banks.pending.withUnsafeBufferPointer { s -> (UInt64, Int) in
                        var mask: UInt64 = 0, soonest = Int.max
                        for b in 0..<count {
                            let known = max(p[base &+ b], table[Int(s[base &+ b])])
                            let due = known <= current
                            mask |= UInt64(due ? 1 : 0) &<< UInt64(b)
                            soonest = min(soonest, due ? Int.max : known)
                        }
                        return (mask, soonest)
                    }
                }
            }
            if floor < wake { wake = floor }
            var due = ready
            while due != 0 {
                let b = due.trailingZeroBitCount
                due &= due - 1
                let q = base + b
                if refreshing && refresh.holds(rank: r, bank: b) { contested = true; continue }
                let i = banks.bound[q] < 0 ? banks.choose(bank: q, buffer, scheduler) : banks.chosen[q]
                let req = buffer.request(bank: q, at: i)
                if let best, best.id < req.id { contested = true; continue }
                // As `BankMachines.command(for:bank:)`, with the rank-wide part at hand.
                let open = banks.openRow[q]
                let command: DRAMCommand, rankPart: Int, slot: UInt8
                if open == req.row {
                    (command, rankPart, slot) = req.isWrite ? (.wr, rankWrite, PendingSlot.write) : (.rd, rankRead, PendingSlot.read)
                } else {
                    (command, rankPart, slot) = open < 0 ? (.act, rankAct, PendingSlot.act) : (.pre, rankPre, PendingSlot.pre)
                }
                // = timing.earliest(command, rank: r, bank: b)
                let local = timing.bankEarliest(command, rank: r, bank: b)
                let t = max(local, rankPart)
                banks.bound[q] = local
                banks.pending[q] = slot
                if t <= now {
                    if best != nil { contested = true }
                    best = (command, r, b, i, req.id)
                } else if t < wake { wake = t }
            }
        }
        guard let best else { return nil }
        let q = best.rank * banksPerRank + best.bank
        return BankCommand(command: best.command, rank: best.rank, bank: best.bank, offset: best.offset,
                           request: buffer.request(bank: q, at: best.offset), contested: contested)
    }

    /// The earliest cycle of bank `b`'s next command (Int.max when it has no
    /// request), choosing its request first when the choice is stale, exactly
    /// as the next pass would: any change before then makes it stale again.
    @inline(__always)
    mutating func earliestBankCommand(rank r: Int, bank b: Int) -> Int {
        let q = r * banks.banksPerRank + b
        guard buffer.queueCount[q] > 0 else { return Int.max }
        let i = banks.bound[q] < 0 ? banks.choose(bank: q, buffer, scheduler) : banks.chosen[q]
        let (command, slot) = banks.command(for: buffer.request(bank: q, at: i), bank: q)
        let local = timing.bankEarliest(command, rank: r, bank: b)
        banks.bound[q] = local
        banks.pending[q] = slot
        return max(local, timing.rankEarliest(command, rank: r))
    }
}

/// A bank command the multiplexer chose: ACT, PRE, RD or WR (whether a
/// column access auto-precharges is decided as it issues).
struct BankCommand {
    var command: DRAMCommand
    var rank: Int, bank: Int
    /// Offset of the request in its bank's queue.
    var offset: Int
    var request: BufferedRequest
    /// Another bank was ready too, or was not evaluated: the next pass may
    /// find work at once.
    var contested: Bool
}
