/// The refresh and power-down managers: rank-level commands that take
/// priority over the bank machines.
extension ChannelSimulator {
    func isRefreshTarget(rank: Int, bank: Int) -> Bool {
        switch refreshKind {
        case .refpb?: return bank == refreshTarget[rank]
        case .refsb?: return bank % banksPerGroup == refreshTarget[rank]
        case nil: return false
        default: return true
        }
    }

    func refreshTargetsIdle(rank r: Int) -> Bool {
        if queuedPerRank[r] == 0 { return true }
        switch refreshKind {
        case .refpb?: return queueCount[r * banks + refreshTarget[r]] == 0
        case .refsb?:
            for b in stride(from: refreshTarget[r], to: banks, by: banksPerGroup) where queueCount[r * banks + b] > 0 { return false }
            return true
        default: return false
        }
    }

    private func allBanksClosed(rank r: Int) -> Bool {
        for b in 0..<banks where openRow[r * banks + b] >= 0 { return false }
        return true
    }

    /// The next command of a claimed refresh: close the target banks, then refresh.
    private func refreshCommand(rank r: Int) -> (DRAMCommand, Int) {
        let target = refreshTarget[r]
        switch refreshKind {
        case .refpb?:
            return openRow[r * banks + target] >= 0 ? (.pre, target) : (.refpb, target)
        case .refsb?:
            for b in stride(from: target, to: banks, by: banksPerGroup) where openRow[r * banks + b] >= 0 { return (.pre, b) }
            return (.refsb, target)
        default:
            return allBanksClosed(rank: r) ? (.refab, -1) : (.prea, -1)
        }
    }

    /// The rank-level command rank `r` wants now, if any. Claims a refresh
    /// when one is forced (more than RefreshMaxPostponed owed) or when its
    /// target banks are idle and fewer than RefreshMaxPulledin are pulled in.
    private mutating func managementCommand(rank r: Int) -> (DRAMCommand, Int)? {
        let idle = queuedPerRank[r] == 0
        let refreshOwed = refreshKind != nil && owed[r] > 0
        switch power[r] {
        case .selfRefresh: return idle ? nil : (.srefex, -1)
        case .activePowerDown: return idle && !refreshOwed ? nil : (.pdxa, -1)
        case .prechargePowerDown: return idle && !refreshOwed ? nil : (.pdxp, -1)
        case .awake: break
        }
        if wantsSelfRefresh[r] {
            if !idle { wantsSelfRefresh[r] = false } else { return allBanksClosed(rank: r) ? (.srefen, -1) : (.prea, -1) }
        }
        if refreshKind != nil {
            if !claimed[r], owed[r] > config.refreshMaxPostponed || (owed[r] > -config.refreshMaxPulledin && refreshTargetsIdle(rank: r)) {
                claimed[r] = true
            }
            if claimed[r] { return refreshCommand(rank: r) }
        }
        if config.powerDownPolicy == .staggered && idle {
            return allBanksClosed(rank: r) ? (.pdep, -1) : (.pdea, -1)
        }
        return nil
    }

    /// Issues the first ready rank-level command; otherwise lowers `wake` to
    /// when one becomes legal.
    mutating func issueManagementCommand(wake: inout Int) -> Bool {
        for r in 0..<ranks {
            guard let (command, bank) = managementCommand(rank: r) else { continue }
            let t = timing.earliest(command, rank: r, bank: bank)
            if t <= now {
                let row = command == .pre ? openRow[r * banks + bank] : -1
                issue(IssuedCommand(cycle: now, command: command, rank: r, bank: bank, row: row))
                return true
            }
            wake = min(wake, t)
        }
        return false
    }
}

/// A binary min-heap of cycles (response release times).
struct MinHeap: Sendable {
    private var items: [Int] = []

    var minimum: Int? { items.first }

    mutating func insert(_ v: Int) {
        items.append(v)
        var i = items.count - 1
        while i > 0 {
            let p = (i - 1) / 2
            if items[p] <= items[i] { break }
            items.swapAt(p, i)
            i = p
        }
    }

    mutating func removeMinimum() {
        guard !items.isEmpty else { return }
        items[0] = items[items.count - 1]
        items.removeLast()
        var i = 0
        while true {
            let l = 2 * i + 1, r = l + 1
            var m = i
            if l < items.count && items[l] < items[m] { m = l }
            if r < items.count && items[r] < items[m] { m = r }
            if m == i { return }
            items.swapAt(i, m)
            i = m
        }
    }
}
