import GymCore

/// A cycle-accurate DRAMSys-style channel controller (docs/references.md §4),
/// composed of the components its configuration names (`ControllerRegistry`):
/// the arbiter (`RequestArbiter`), the scheduler's request buffer
/// (`RequestBuffer`), the bank machines with the scheduler and page policy
/// (`BankMachines`), the command multiplexer, the refresh and power-down
/// managers, the JEDEC timing checker (`TimingState`) and the response
/// queue. Each pass: refreshes fall due and responses leave, the arbiter
/// forwards requests, then at most one command issues, rank-level
/// (power-down, refresh) before bank commands. Idle stretches are skipped by
/// jumping to the next cycle at which anything can change (an arrival, a
/// command becoming legal, a refresh falling due, a response leaving), so
/// results equal a cycle-by-cycle run.
struct ChannelSimulator<Scheduler: RequestScheduler> {
    let requests: [ChannelRequest]
    let scheduler: Scheduler
    let ranks: Int
    /// Cycles from a column command to its data's completion.
    let readDelay: Int, writeDelay: Int

    var now = 0
    var served = 0
    var arbiter: RequestArbiter
    var buffer: RequestBuffer
    var banks: BankMachines
    var refresh: RefreshManager
    var powerDown: PowerDownManager
    var timing: TimingState
    var responses: ResponseQueue
    /// Per request: whether it needed its own ACT.
    var activated: [Bool]
    var log: [IssuedCommand] = []
    /// Idle skipping (`ChannelSimulator+IdleSkip`): whether it is on, the
    /// idle states seen since the controller last had work, and the
    /// repeats logged so far.
    let skipsIdle: Bool
    /// Gaps shorter than this are stepped: four full rotations of refresh
    /// targets (enough to find the period and skip some of it).
    let idleGapWorthSkipping: Int
    var idleStates: [[Int]: IdleMark] = [:]
    var repeats: [CommandRepeat] = []

    init(spec: MemSpec, config: ControllerConfiguration, requests: [ChannelRequest], scheduler: Scheduler) {
        self.requests = requests
        self.scheduler = scheduler
        let o = spec.organisation
        ranks = o.ranks
        readDelay = spec.timing.CL + spec.burstCycles
        writeDelay = spec.timing.WL + spec.burstCycles
        arbiter = RequestArbiter(config.arbiter.rule, config: config, requests: requests.count)
        buffer = RequestBuffer(config.schedulerBuffer.rule, size: config.requestBufferSize, ranks: o.ranks, banksPerRank: o.banks)
        banks = BankMachines(config.pagePolicy.rule, ranks: o.ranks, banksPerRank: o.banks)
        refresh = RefreshManager(config.refreshPolicy.scheme, spec: spec, config: config)
        powerDown = PowerDownManager(config.powerDownPolicy.rule, ranks: o.ranks)
        timing = TimingState(spec: spec)
        responses = ResponseQueue(config.responseQueue.rule, arbiter: config.arbiter.rule, requests: requests.count)
        activated = Array(repeating: false, count: requests.count)
        log.reserveCapacity(requests.count * 3)   // ACT, column and PRE for a row miss
        skipsIdle = config.skipsIdleStretches && config.refreshPolicy.scheme != nil && !powerDown.powersDownIdleRanks
        idleGapWorthSkipping = refresh.interval == Int.max ? Int.max : 4 * refresh.interval * max(1, o.banks)
    }

    /// Passes between two polls of the cancellation flag (a poll takes a
    /// lock; a pass takes tens of nanoseconds).
    static var passesPerPoll: Int { 4096 }

    /// Runs to the last response, or until `cancellation` is raised (then
    /// the outcome is incomplete and the caller discards it).
    mutating func run(cancellation: Cancellation? = nil) -> ChannelOutcome {
        var untilPoll = ChannelSimulator.passesPerPoll
        while served < requests.count {
            if let cancellation {
                untilPoll -= 1
                if untilPoll == 0 {
                    if cancellation.isRaised { return outcome(completed: false) }
                    untilPoll = ChannelSimulator.passesPerPoll
                }
            }
            if skipsIdle { skipIdleStretch() }
            refresh.accrue(upTo: now, powerDown)
            arbiter.retire(upTo: now)
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
            wake = min(wake, arbiter.nextArrival(requests, after: now), refresh.earliestDue(powerDown), arbiter.nextRelease)
            guard wake != Int.max else { return outcome(completed: false) }
            now = max(now + 1, wake)
        }
        return outcome(completed: true)
    }

    private func outcome(completed: Bool) -> ChannelOutcome {
        let release = responses.release
        let latencies = zip(release, requests).map { $0 >= 0 ? $0 - $1.arrival : -1 }
        let inController = zip(release, arbiter.forwarded).map { $0 >= 0 && $1 >= 0 ? $0 - $1 : -1 }
        return ChannelOutcome(commands: log, endCycle: release.max() ?? 0, latencies: latencies,
                              controllerLatencies: inController, activated: activated, completed: completed,
                              repeats: repeats)
    }

    /// Moves the requests the arbiter forwards into the request buffer.
    private mutating func admit() {
        // Tested before the loop, so that passes admitting nothing do not pay
        // for preparing the buffer for mutation (measured).
        guard mayAdmit() else { return }
        repeat {
            let id = arbiter.forward(at: now)
            let r = requests[id]
            banks.requestArrived(bank: buffer.store(id, r))
            powerDown.requestArrived(rank: r.rank)
        } while mayAdmit()
    }

    /// Whether the arbiter may forward its next request now and the request
    /// buffer has space for it.
    @inline(__always)
    private func mayAdmit() -> Bool {
        guard let r = arbiter.ready(requests, at: now) else { return false }
        return buffer.hasSpace(for: r)
    }

    /// Puts a command on the bus: the timing checker, the log and every
    /// component's state see it.
    private mutating func issue(_ c: IssuedCommand) {
        timing.issue(c.command, rank: c.rank, bank: c.bank, at: c.cycle)
        log.append(c)
        banks.update(after: c, buffer)
        refresh.update(after: c)
        powerDown.update(after: c, idle: buffer.isIdle(rank: c.rank), refreshOwed: refresh.owes(rank: c.rank))
    }

    // MARK: Rank-level commands: power-down, then refresh

    /// The rank-level command rank `r` wants now, if any: power-down exit or
    /// self-refresh entry, else refresh, else power-down entry.
    private mutating func managementCommand(rank r: Int) -> (DRAMCommand, Int)? {
        let idle = buffer.isIdle(rank: r)
        switch powerDown.step(rank: r, idle: idle, refreshOwed: refresh.owes(rank: r), banks) {
        case .asleep: return nil
        case .command(let command): return (command, -1)
        case .awake: break
        }
        if let command = refresh.command(rank: r, buffer, banks) { return command }
        return powerDown.entry(rank: r, idle: idle, banks).map { ($0, -1) }
    }

    /// Issues the first ready rank-level command; otherwise lowers `wake` to
    /// when one becomes legal.
    private mutating func issueManagementCommand(wake: inout Int) -> Bool {
        for r in 0..<ranks {
            guard let (command, bank) = managementCommand(rank: r) else { continue }
            let t = timing.earliest(command, rank: r, bank: bank)
            if t <= now {
                let row = command == .pre ? banks.openRow[r * banks.banksPerRank + bank] : -1
                issue(IssuedCommand(cycle: now, command: command, rank: r, bank: bank, row: row))
                return true
            }
            wake = min(wake, t)
        }
        return false
    }

    /// Whether rank `r`'s power-down or refresh manager may want a command.
    @inline(__always)
    private func managementMayAct(rank r: Int) -> Bool {
        powerDown.mayAct(rank: r, idle: buffer.isIdle(rank: r)) || refresh.mayAct(rank: r, buffer)
    }

    // MARK: Bank commands

    /// Issues the command the multiplexer picks from the bank machines and
    /// returns its rank and bank; otherwise lowers `wake` to when one becomes
    /// legal. After an issue, `wake` is a lower bound on when another bank
    /// can issue (`now` when one may be ready already).
    private mutating func issueBankCommand(wake: inout Int) -> (rank: Int, bank: Int)? {
        guard let chosen = oldestReadyBankCommand(wake: &wake) else { return nil }
        let q = chosen.rank * banks.banksPerRank + chosen.bank
        let req = chosen.request
        var command = chosen.command
        if command.isColumn && banks.closesRow(bank: q, offset: chosen.offset, buffer) {
            command = req.isWrite ? .wra : .rda
        }
        let isRowCommand = command == .act || command == .pre
        issue(IssuedCommand(cycle: now, command: command, rank: chosen.rank, bank: chosen.bank,
                            row: command == .pre ? banks.openRow[q] : req.row, column: isRowCommand ? -1 : req.column))
        var contested = chosen.contested
        switch command {
        case .act:
            activated[req.id] = true
        case .rd, .rda, .wr, .wra:
            buffer.remove(rank: chosen.rank, bank: chosen.bank, at: chosen.offset)
            banks.invalidate(q, buffer)
            served += 1
            if banks.lastWasWrite != req.isWrite {
                banks.turnAround(toWrite: req.isWrite, buffer)
                contested = true
            }
            responses.complete(req.id, at: now + (req.isWrite ? writeDelay : readDelay), arbiter: &arbiter)
        default:
            break
        }
        if contested { wake = now }
        return (chosen.rank, chosen.bank)
    }

    // MARK: Skipping idle cycles

    /// The cycle of the next pass after a bank command issued on `rank`,
    /// `bank` at `now`, given `others`, a lower bound on when any other bank
    /// (or a rank-level command found waiting) can issue. The cycle after an
    /// issue often has nothing to do (every bank waits for tRCD, tRP, tFAW
    /// ...); the passes skipped would have issued nothing, admitted nothing
    /// and changed no refresh or power state, so the result equals a pass at
    /// every cycle.
    private mutating func nextPass(afterIssuingOn rank: Int, bank: Int, othersFrom others: Int) -> Int {
        let soon = now + 1
        guard others > soon else { return soon }
        for r in 0..<ranks where managementMayAct(rank: r) { return soon }
        var next = min(others, earliestBankCommand(rank: rank, bank: bank))
        guard next > soon else { return soon }
        // Admission waits for arrival (and the arbiter); a full buffer waits
        // for a column command, a transaction cap for a release.
        next = min(next, arbiter.nextForward(requests, into: buffer), refresh.earliestDue(powerDown), arbiter.nextRelease)
        return next == Int.max ? soon : max(soon, next)
    }
}
