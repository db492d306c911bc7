/// The bank machines (DRAMSys BankMachine, docs/references.md §4): per bank,
/// the open row, the request the scheduler chose, and the command that
/// request needs next (JEDEC row-buffer rule: a row hit takes RD/WR, a
/// precharged bank ACT, a row conflict PRE first). At a column command the
/// `PagePolicyRule` decides whether the access closes its row (RDA/WRA).
///
/// Per bank the machine caches a lower bound on its next command's earliest
/// cycle (`bound`, with the command in `pending`), so that a pass of the
/// command multiplexer need not ask the scheduler or the timing tables again
/// for banks with nothing new.
struct BankMachines {
    let pagePolicy: any PagePolicyRule
    let ranks: Int, banksPerRank: Int
    /// Per bank (rank-major): the open row, -1 when precharged.
    private(set) var openRow: [Int]
    /// Per bank: the scheduler's last choice (offset in the queue).
    var chosen: [Int]
    /// Per bank: -1 when `chosen` is stale (the queue, the open row or the
    /// last direction changed), Int.max when the queue is empty, else the
    /// bank and bank-group part of the earliest cycle last computed for the
    /// chosen request's command (`pending`). Timing constraints only ever
    /// move later, so this is a lower bound; the rank-wide part (tRRD_S,
    /// tCCD_S, tFAW, turnarounds), which every other bank's command moves,
    /// is read fresh on each pass for the bank's pending command. A bank
    /// whose bound lies in the future cannot issue now (a stale bound may
    /// wake the loop early, never late).
    var bound: [Int]
    /// Per bank: the command `bound` was computed for, as a slot of the
    /// per-pass rank-wide table (`PendingSlot`); `unknown` while `chosen` is stale.
    var pending: [UInt8]
    /// Whether the channel's last column command was a write.
    private(set) var lastWasWrite = false

    init(_ pagePolicy: any PagePolicyRule, ranks: Int, banksPerRank: Int) {
        self.pagePolicy = pagePolicy
        self.ranks = ranks
        self.banksPerRank = banksPerRank
        openRow = Array(repeating: -1, count: ranks * banksPerRank)
        chosen = Array(repeating: 0, count: ranks * banksPerRank)
        bound = Array(repeating: Int.max, count: ranks * banksPerRank)
        pending = Array(repeating: PendingSlot.unknown, count: ranks * banksPerRank)
    }

    @inline(__always)
    func isOpen(rank r: Int, bank b: Int) -> Bool { openRow[r * banksPerRank + b] >= 0 }

    func allClosed(rank r: Int) -> Bool {
        for b in 0..<banksPerRank where openRow[r * banksPerRank + b] >= 0 { return false }
        return true
    }

    /// A request arrived for flat bank `q`: its choice is stale.
    @inline(__always)
    mutating func requestArrived(bank q: Int) {
        bound[q] = -1
        pending[q] = PendingSlot.unknown
    }

    /// Marks bank `q`'s choice stale (or absent when its queue is empty).
    @inline(__always)
    mutating func invalidate(_ q: Int, _ buffer: RequestBuffer) {
        bound[q] = buffer.queueCount[q] > 0 ? -1 : Int.max
        pending[q] = PendingSlot.unknown
    }

    /// The bank's next command for its chosen request: RD/WR on a row hit,
    /// ACT when precharged, PRE on a conflict.
    @inline(__always)
    func command(for request: BufferedRequest, bank q: Int) -> (DRAMCommand, slot: UInt8) {
        let open = openRow[q]
        if open == request.row {
            return request.isWrite ? (.wr, PendingSlot.write) : (.rd, PendingSlot.read)
        }
        return open < 0 ? (.act, PendingSlot.act) : (.pre, PendingSlot.pre)
    }

    /// Asks `scheduler` for bank `q`'s request; returns its offset in the queue.
    @inline(__always)
    mutating func choose<Scheduler: RequestScheduler>(bank q: Int, _ buffer: RequestBuffer, _ scheduler: Scheduler) -> Int {
        let i = scheduler.pick(buffer.slots, buffer.range(ofBank: q), openRow: openRow[q], lastWasWrite: lastWasWrite)
        chosen[q] = i
        bound[q] = 0
        return i
    }

    /// Whether the column access to the request at `offset` of bank `q`
    /// auto-precharges, by the page policy and the bank's other requests.
    @inline(__always)
    func closesRow(bank q: Int, offset: Int, _ buffer: RequestBuffer) -> Bool {
        let row = buffer.request(bank: q, at: offset).row
        var hits = false, conflicts = false
        for k in 0..<buffer.queueCount[q] where k != offset {
            if buffer.request(bank: q, at: k).row == row { hits = true } else { conflicts = true }
        }
        return pagePolicy.autoPrecharges(hitsWaiting: hits, conflictsWaiting: conflicts)
    }

    /// A column command of the other direction: every choice is stale
    /// (FrFcfsGrp prefers the last direction).
    mutating func turnAround(toWrite isWrite: Bool, _ buffer: RequestBuffer) {
        lastWasWrite = isWrite
        for q in 0..<bound.count { invalidate(q, buffer) }
    }

    /// Whether every bank of every rank is precharged.
    var allBanksClosed: Bool { !openRow.contains { $0 >= 0 } }

    /// The machines' state relative to `now` (bounds are cycles; -1 stale,
    /// Int.max for an empty queue), for idle skipping.
    func appendIdleSignature(now: Int, to s: inout [Int]) {
        s += openRow
        s += chosen
        for b in bound { s.append(b < 0 || b == Int.max ? b : max(0, b - now)) }
        s += pending.map(Int.init)
        s.append(lastWasWrite ? 1 : 0)
    }

    /// Open rows after an issued command.
    @inline(__always)
    mutating func update(after c: IssuedCommand, _ buffer: RequestBuffer) {
        let base = c.rank * banksPerRank
        switch c.command {
        case .act: openRow[base + c.bank] = c.row; invalidate(base + c.bank, buffer)
        case .pre, .rda, .wra: openRow[base + c.bank] = -1; invalidate(base + c.bank, buffer)
        case .prea: for b in 0..<banksPerRank { openRow[base + b] = -1; invalidate(base + b, buffer) }
        default: break
        }
    }
}

/// Slots of the command multiplexer's per-pass table of rank-wide earliest
/// cycles, one per command a bank machine can be waiting for (`pending`).
enum PendingSlot {
    static let act: UInt8 = 0, pre: UInt8 = 1, read: UInt8 = 2, write: UInt8 = 3, unknown: UInt8 = 4
    static let count = 5
}
