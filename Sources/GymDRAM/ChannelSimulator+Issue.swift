/// Applying an issued command to the controller's state: timing, the
/// command log, open rows, refresh bookkeeping and rank power states.
extension ChannelSimulator {
    /// Issues a command and updates bank state (row commands, refresh, power).
    mutating func issue(_ c: IssuedCommand) {
        timing.issue(c.command, rank: c.rank, bank: c.bank, at: c.cycle)
        log.append(c)
        let base = c.rank * banks
        switch c.command {
        case .act: openRow[base + c.bank] = c.row; invalidate(base + c.bank)
        case .pre, .rda, .wra: openRow[base + c.bank] = -1; invalidate(base + c.bank)
        case .prea: for b in 0..<banks { openRow[base + b] = -1; invalidate(base + b) }
        case .refab, .refpb, .refsb:
            owed[c.rank] -= 1
            refreshStep[c.rank] += 1
            refreshTarget[c.rank] = refresh?.bank(step: refreshStep[c.rank], spec) ?? -1
            claimed[c.rank] = false
        case .pdea: power[c.rank] = .activePowerDown
        case .pdep: power[c.rank] = .prechargePowerDown
        case .pdxa: power[c.rank] = .awake
        case .pdxp:
            power[c.rank] = .awake
            wantsSelfRefresh[c.rank] = queuedPerRank[c.rank] == 0 && owed[c.rank] > 0
        case .srefen:
            power[c.rank] = .selfRefresh
            owed[c.rank] = 0
            claimed[c.rank] = false
            wantsSelfRefresh[c.rank] = false
        case .srefex:
            power[c.rank] = .awake
            nextDue[c.rank] = c.cycle + refreshInterval
        case .rd, .wr:
            break
        }
    }

    /// Marks bank `q`'s choice stale (or absent when its queue is empty).
    @inline(__always)
    mutating func invalidate(_ q: Int) {
        bound[q] = queueCount[q] > 0 ? -1 : Int.max
        pending[q] = PendingSlot.unknown
    }
}
