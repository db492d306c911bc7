extension ProtocolChecker {
    /// Replays one channel's log (in issue order) and returns every broken rule.
    public func check(_ log: [IssuedCommand], endCycle: Int? = nil) -> [Violation] {
        let o = spec.organisation, t = spec.timing, burst = spec.burstCycles
        var out: [Violation] = []
        // Most recent issue of each command on each (rank, bank mask); few distinct masks occur.
        var history: [(command: IssuedCommand, banks: UInt64, groups: UInt64)] = []
        let slots = o.banks + 1 + o.banksPerGroup
        var latest = Array(repeating: -1, count: DRAMCommand.count * o.ranks * slots)
        func slot(_ c: IssuedCommand) -> Int {
            let s = c.command == .refsb ? o.banks + 1 + c.bank : c.command.isBankCommand ? c.bank : o.banks
            return (c.command.rawValue * o.ranks + c.rank) * slots + s
        }
        var openRow = Array(repeating: Array(repeating: -1, count: o.banks), count: o.ranks)
        var state = Array(repeating: "awake", count: o.ranks)
        var acts = Array(repeating: [Int](), count: o.ranks)
        var busEnd = Int.min, busRank = -1
        var refreshes = Array(repeating: 0, count: o.ranks)
        var refreshBase = Array(repeating: 0, count: o.ranks)
        var previousCycle = -1
        // Per command bus (HBM: row and column), the first cycle it is free
        // again: DDR5 and LPDDR4 commands take several clocks (§8).
        var busFree = [Int.min, Int.min]
        let standard = spec.standard

        func due(_ r: Int, at cycle: Int, _ limits: RefreshLimits) -> Int { max(0, (cycle - refreshBase[r]) / limits.interval) }

        for (i, c) in log.enumerated() {
            func fail(_ m: String) { out.append(Violation(index: i, command: c, message: m)) }
            if c.cycle <= previousCycle { fail("command bus already used at or after this cycle (previous at \(previousCycle))") }
            previousCycle = c.cycle
            let bus = standard.commandBus(c.command)
            if c.cycle < busFree[bus] { fail("command bus \(bus) still holds the previous command until cycle \(busFree[bus])") }
            busFree[bus] = c.cycle + standard.commandCycles(c.command)
            let mask = banks(of: c)
            let groupMask = groups(of: mask)
            // Pairwise timing against the latest command of every kind on every bank set.
            for k in latest where k >= 0 {
                let h = history[k]
                let relation: Relation = h.command.rank != c.rank ? .otherRank
                    : (h.banks & mask) != 0 ? .sameBank : (h.groups & groupMask) != 0 ? .sameGroup : .sameRank
                let need = gaps[h.command.command.rawValue][c.command.rawValue][relation.rawValue]
                if c.cycle - h.command.cycle < need {
                    fail("only \(c.cycle - h.command.cycle) cycles after \(h.command.command.mnemonic) at \(h.command.cycle) (\(relation)); needs \(need)")
                }
            }
            // State rules.
            let r = c.rank
            switch (state[r], c.command) {
            case ("awake", .pdxa), ("awake", .pdxp), ("awake", .srefex): fail("exit while not powered down")
            case ("awake", _): break
            case ("pdA", .pdxa), ("pdP", .pdxp), ("sref", .srefex): break
            default: fail("issued while the rank is in \(state[r])")
            }
            switch c.command {
            case .act:
                if openRow[r][c.bank] >= 0 { fail("ACT to a bank with row \(openRow[r][c.bank]) open") }
                openRow[r][c.bank] = c.row
                if acts[r].count >= 4 && c.cycle - acts[r][acts[r].count - 4] < t.FAW { fail("fifth ACT within tFAW \(t.FAW)") }
                acts[r].append(c.cycle)
            case .rd, .rda, .wr, .wra:
                if openRow[r][c.bank] != c.row { fail("column access to row \(c.row) but row \(openRow[r][c.bank]) is open") }
                let start = c.cycle + (c.command.isRead ? t.CL : t.WL)
                let gapNeeded = busRank == r ? 0 : t.RTRS
                if start < busEnd + gapNeeded { fail("data burst at \(start) overlaps the previous one ending at \(busEnd)") }
                busEnd = start + burst
                busRank = r
                if c.command == .rda || c.command == .wra { openRow[r][c.bank] = -1 }
            case .pre:
                if openRow[r][c.bank] < 0 { fail("PRE to a precharged bank") }
                openRow[r][c.bank] = -1
            case .prea:
                openRow[r] = Array(repeating: -1, count: o.banks)
            case .refab, .refpb, .refsb:
                for b in 0..<o.banks where mask & (1 << UInt64(b)) != 0 && openRow[r][b] >= 0 { fail("refresh with bank \(b) open") }
                refreshes[r] += 1
            case .pdea:
                if openRow[r].allSatisfy({ $0 < 0 }) { fail("active power-down with every bank closed (should be PDEP)") }
                state[r] = "pdA"
            case .pdep:
                if openRow[r].contains(where: { $0 >= 0 }) { fail("precharge power-down with a bank open") }
                state[r] = "pdP"
            case .srefen:
                if openRow[r].contains(where: { $0 >= 0 }) { fail("self-refresh with a bank open") }
                state[r] = "sref"
            case .pdxa, .pdxp:
                state[r] = "awake"
            case .srefex:
                state[r] = "awake"
                refreshBase[r] = c.cycle
                refreshes[r] = 0
            }
            // Refresh rate: never more than maxPostponed + 1 behind, nor maxPulledin ahead.
            if let limits = refresh, state[r] != "sref" {
                let behind = due(r, at: c.cycle, limits) - refreshes[r]
                // A forced refresh still needs the banks closed first: allow tRP + tRFC for it to land.
                let graceDue = due(r, at: max(refreshBase[r], c.cycle - t.RFC - t.RP - t.RAS), limits) - refreshes[r]
                if behind > limits.maxPostponed + 1 && graceDue > limits.maxPostponed + 1 {
                    fail("\(behind) refreshes behind tREFI schedule (at most \(limits.maxPostponed) may be postponed)")
                }
                if -behind > limits.maxPulledin { fail("\(-behind) refreshes ahead of schedule (at most \(limits.maxPulledin) may be pulled in)") }
            }
            if c.command == .srefen { refreshes[r] = 0 }
            latest[slot(c)] = history.count
            history.append((c, mask, groupMask))
        }
        _ = endCycle
        return out
    }
}
