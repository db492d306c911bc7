/// A request of one channel, already decoded and in controller cycles.
struct ChannelRequest: Sendable, Hashable {
    var arrival: Int
    var isWrite: Bool
    var rank: Int
    var bank: Int
    var row: Int
    var column: Int
}

/// What one channel's simulation produced.
struct ChannelOutcome: Sendable {
    var commands: [IssuedCommand]
    /// Cycle of the last response (0 for an empty channel).
    var endCycle: Int
    /// Per request: cycles from trace arrival to response, from entering the
    /// controller (past the arbiter) to response, and whether it needed its own ACT.
    var latencies: [Int]
    var controllerLatencies: [Int]
    var activated: [Bool]
    /// False when the controller could make no progress (a bug, reported as infeasible).
    var completed: Bool
}

/// A cycle-accurate DRAMSys-style channel controller: arbiter, request
/// buffer, per-bank scheduling, command multiplexer, refresh and power-down
/// managers, response queue. Idle stretches are skipped by jumping to the next
/// cycle at which anything can change (an arrival, a command becoming legal, a
/// refresh falling due, a response leaving), so results equal a
/// cycle-by-cycle run.
struct ChannelSimulator<Scheduler: RequestScheduler> {
    enum RankPower { case awake, activePowerDown, prechargePowerDown, selfRefresh }

    let spec: MemSpec
    let config: ControllerConfiguration
    let requests: [ChannelRequest]
    let scheduler: Scheduler
    let pagePolicy: any PagePolicyRule
    let refresh: (any RefreshScheme)?
    let refreshInterval: Int
    let ranks: Int, banks: Int, banksPerGroup: Int
    let readDelay: Int, writeDelay: Int
    let arbiterDelay: Int
    let capsTransactions: Bool, inOrderResponses: Bool

    var timing: TimingState
    var now = 0
    var nextRequest = 0
    var lastAdmit = -1
    /// Buffered requests, `capacity` slots per bank (rank-major), oldest first.
    var slots: [BufferedRequest]
    var queueCount: [Int]
    let capacity: Int
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
    var queuedPerRank: [Int]
    var bufferedReads = 0, bufferedWrites = 0
    var openRow: [Int]
    var lastWasWrite = false
    var served = 0
    // Refresh manager state, per rank.
    var owed: [Int], nextDue: [Int], refreshStep: [Int], claimed: [Bool]
    let refreshKind: DRAMCommand?
    /// Bank argument of each rank's next refresh command.
    var refreshTarget: [Int]
    // Power-down manager state, per rank.
    var power: [RankPower], wantsSelfRefresh: [Bool]
    // Responses.
    var admitted: [Int], completion: [Int], release: [Int]
    var inOrderNext = 0, lastInOrderRelease = 0
    var releases = MinHeap()
    var inFlight = 0
    var activated: [Bool]
    var log: [IssuedCommand] = []

    init(spec: MemSpec, config: ControllerConfiguration, requests: [ChannelRequest], scheduler: Scheduler) {
        self.spec = spec
        self.config = config
        self.requests = requests
        self.scheduler = scheduler
        pagePolicy = config.pagePolicy.rule
        refresh = config.refreshPolicy.scheme
        refreshInterval = refresh?.interval(spec) ?? Int.max
        let o = spec.organisation
        ranks = o.ranks; banks = o.banks; banksPerGroup = o.banksPerGroup
        readDelay = spec.timing.CL + spec.burstCycles
        writeDelay = spec.timing.WL + spec.burstCycles
        arbiterDelay = config.arbiter == .simple ? 0 : 1
        capsTransactions = config.arbiter != .simple
        inOrderResponses = config.responseQueue == .reorder || config.arbiter == .reorder
        timing = TimingState(spec: spec)
        // A bank holds at most the whole buffer (Shared) or both halves (ReadWrite).
        capacity = config.schedulerBuffer == .readWrite ? 2 * config.requestBufferSize : config.requestBufferSize
        slots = Array(repeating: BufferedRequest(id: -1, isWrite: false, row: -1, column: -1), count: ranks * banks * capacity)
        queueCount = Array(repeating: 0, count: ranks * banks)
        chosen = Array(repeating: 0, count: ranks * banks)
        bound = Array(repeating: Int.max, count: ranks * banks)
        pending = Array(repeating: PendingSlot.unknown, count: ranks * banks)
        queuedPerRank = Array(repeating: 0, count: ranks)
        openRow = Array(repeating: -1, count: ranks * banks)
        owed = Array(repeating: 0, count: ranks)
        nextDue = Array(repeating: refreshInterval, count: ranks)
        refreshStep = Array(repeating: 0, count: ranks)
        claimed = Array(repeating: false, count: ranks)
        refreshKind = refresh?.command
        refreshTarget = Array(repeating: refresh?.bank(step: 0, spec) ?? -1, count: ranks)
        power = Array(repeating: .awake, count: ranks)
        wantsSelfRefresh = Array(repeating: false, count: ranks)
        admitted = Array(repeating: -1, count: requests.count)
        completion = Array(repeating: -1, count: requests.count)
        release = Array(repeating: -1, count: requests.count)
        activated = Array(repeating: false, count: requests.count)
        log.reserveCapacity(requests.count * 3)   // ACT, column and PRE for a row miss
    }

    mutating func run() -> ChannelOutcome {
        while served < requests.count {
            tick()
            admit()
            var wake = Int.max
            if issueManagementCommand(wake: &wake) {
                now += 1
                continue
            }
            if let (rank, bank) = issueBankCommand(wake: &wake) {
                now = nextPass(afterIssuingOn: rank, bank: bank, othersFrom: wake)
                continue
            }
            wake = min(wake, nextAdmissionEvent())
            if refreshKind != nil {
                for r in 0..<ranks where power[r] != .selfRefresh { wake = min(wake, nextDue[r]) }
            }
            if capsTransactions, let next = releases.minimum { wake = min(wake, next) }
            guard wake != Int.max else { return outcome(completed: false) }
            now = max(now + 1, wake)
        }
        return outcome(completed: true)
    }

    private func outcome(completed: Bool) -> ChannelOutcome {
        let latencies = zip(release, requests).map { $0 >= 0 ? $0 - $1.arrival : -1 }
        let inController = zip(release, admitted).map { $0 >= 0 && $1 >= 0 ? $0 - $1 : -1 }
        return ChannelOutcome(commands: log, endCycle: release.max() ?? 0, latencies: latencies,
                              controllerLatencies: inController, activated: activated, completed: completed)
    }

    /// Refreshes falling due and responses leaving by `now`.
    private mutating func tick() {
        if refreshKind != nil {
            for r in 0..<ranks where power[r] != .selfRefresh {
                while nextDue[r] <= now { owed[r] += 1; nextDue[r] += refreshInterval }
            }
        }
        while let t = releases.minimum, t <= now { releases.removeMinimum(); inFlight -= 1 }
    }

    // MARK: Bank machines and command multiplexer

    /// Issues the ready command of the oldest request each bank's scheduler
    /// chose and returns its rank and bank; otherwise lowers `wake` to when
    /// one becomes legal. After an issue, `wake` is a lower bound on when
    /// another bank can issue (`now` when one may be ready already).
    private mutating func issueBankCommand(wake: inout Int) -> (rank: Int, bank: Int)? {
        var best: (command: DRAMCommand, rank: Int, bank: Int, index: Int, id: Int)?
        // A due bank other than the chosen one was ready, or not evaluated.
        var contested = false
        for r in 0..<ranks where power[r] == .awake && !wantsSelfRefresh[r] && queuedPerRank[r] > 0 {
            let refreshing = claimed[r]
            // The rank-wide part of the earliest cycle of each command a bank
            // can be waiting for, fresh: no command issues during the pass.
            let rankAct = timing.rankEarliest(.act, rank: r), rankPre = timing.rankEarliest(.pre, rank: r)
            let rankRead = timing.rankEarliest(.rd, rank: r), rankWrite = timing.rankEarliest(.wr, rank: r)
            // A tight pass over the bounds (no access to self inside, so no
            // copies): which banks may issue now, and the soonest of the rest.
            let base = r * banks, count = banks, current = now
            let (ready, floor) = withUnsafeTemporaryAllocation(of: Int.self, capacity: PendingSlot.count) { table in
                table[Int(PendingSlot.act)] = rankAct
                table[Int(PendingSlot.pre)] = rankPre
                table[Int(PendingSlot.read)] = rankRead
                table[Int(PendingSlot.write)] = rankWrite
                table[Int(PendingSlot.unknown)] = Int.min
                return bound.withUnsafeBufferPointer { p in
                    pending.withUnsafeBufferPointer { s -> (UInt64, Int) in
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
                let known = bound[q]
                if refreshing && isRefreshTarget(rank: r, bank: b) { contested = true; continue }
                var i = chosen[q]
                if known < 0 {
                    i = scheduler.pick(slots, q * capacity..<(q * capacity + queueCount[q]), openRow: openRow[q], lastWasWrite: lastWasWrite)
                    chosen[q] = i
                    bound[q] = 0
                }
                let req = slots[q * capacity + i]
                if let best, best.id < req.id { contested = true; continue }
                let open = openRow[q]
                let command: DRAMCommand, rankPart: Int, slot: UInt8
                if open == req.row {
                    (command, rankPart, slot) = req.isWrite ? (.wr, rankWrite, PendingSlot.write) : (.rd, rankRead, PendingSlot.read)
                } else {
                    (command, rankPart, slot) = open < 0 ? (.act, rankAct, PendingSlot.act) : (.pre, rankPre, PendingSlot.pre)
                }
                // = timing.earliest(command, rank: r, bank: b)
                let local = timing.bankEarliest(command, rank: r, bank: b)
                let t = max(local, rankPart)
                bound[q] = local
                pending[q] = slot
                if t <= now {
                    if best != nil { contested = true }
                    best = (command, r, b, i, req.id)
                } else if t < wake { wake = t }
            }
        }
        guard let best else { return nil }
        let q = best.rank * banks + best.bank
        let base = q * capacity
        let req = slots[base + best.index]
        var command = best.command
        if command.isColumn {
            var hits = false, conflicts = false
            for k in 0..<queueCount[q] where k != best.index {
                if slots[base + k].row == req.row { hits = true } else { conflicts = true }
            }
            if pagePolicy.autoPrecharges(hitsWaiting: hits, conflictsWaiting: conflicts) {
                command = req.isWrite ? .wra : .rda
            }
        }
        let isRowCommand = command == .act || command == .pre
        issue(IssuedCommand(cycle: now, command: command, rank: best.rank, bank: best.bank,
                            row: command == .pre ? openRow[q] : req.row, column: isRowCommand ? -1 : req.column))
        switch command {
        case .act:
            activated[req.id] = true
        case .rd, .rda, .wr, .wra:
            let count = queueCount[q]
            for k in best.index..<(count - 1) { slots[base + k] = slots[base + k + 1] }
            queueCount[q] = count - 1
            invalidate(q)
            queuedPerRank[best.rank] -= 1
            if req.isWrite { bufferedWrites -= 1 } else { bufferedReads -= 1 }
            served += 1
            if lastWasWrite != req.isWrite {
                lastWasWrite = req.isWrite
                for k in 0..<bound.count { invalidate(k) }
                contested = true
            }
            complete(req.id, at: now + (req.isWrite ? writeDelay : readDelay))
        default:
            break
        }
        if contested { wake = now }
        return (best.rank, best.bank)
    }
}
