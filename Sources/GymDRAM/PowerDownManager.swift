/// The power-down manager (DRAMSys PowerDownManager, docs/references.md §4,
/// PowerDownPolicy; JEDEC power-down exit tXP, self-refresh exit tXS): per
/// rank, the power state. An idle rank its `PowerDownRule` lets sleep enters
/// precharge power-down (all banks closed) or active power-down; a request
/// or a due refresh wakes it (PDXP/PDXA). A refresh falling due in
/// precharge power-down sends the rank into self-refresh instead (closing
/// its banks first), which it leaves (SREFEX) when a request arrives.
struct PowerDownManager {
    enum State { case awake, activePowerDown, prechargePowerDown, selfRefresh }

    /// What the manager wants of a rank before refresh and bank commands.
    enum Step {
        /// Asleep and staying so: no command for the rank.
        case asleep
        /// This rank-level command first.
        case command(DRAMCommand)
        /// Awake: refresh and bank commands may go ahead.
        case awake
    }

    let powersDownIdleRanks: Bool
    private var state: [State]
    /// Per rank: heading for self-refresh (a refresh fell due in precharge power-down).
    private var wantsSelfRefresh: [Bool]

    init(_ rule: any PowerDownRule, ranks: Int) {
        powersDownIdleRanks = rule.powersDownIdleRanks
        state = Array(repeating: .awake, count: ranks)
        wantsSelfRefresh = Array(repeating: false, count: ranks)
    }

    /// Whether rank `r` takes bank commands: awake and not heading for self-refresh.
    @inline(__always)
    func acceptsBankCommands(rank r: Int) -> Bool { state[r] == .awake && !wantsSelfRefresh[r] }

    @inline(__always)
    func inSelfRefresh(rank r: Int) -> Bool { state[r] == .selfRefresh }

    /// Whether rank `r` may want a command (a conservative, side-effect-free
    /// mirror of `step` and `entry`).
    @inline(__always)
    func mayAct(rank r: Int, idle: Bool) -> Bool {
        state[r] != .awake || wantsSelfRefresh[r] || powersDownIdleRanks && idle
    }

    /// Exits and self-refresh entry, which come before refresh and bank
    /// commands. `idle`: rank `r` has no buffered request.
    @inline(__always)
    mutating func step(rank r: Int, idle: Bool, refreshOwed: Bool, _ banks: BankMachines) -> Step {
        switch state[r] {
        case .selfRefresh: return idle ? .asleep : .command(.srefex)
        case .activePowerDown: return idle && !refreshOwed ? .asleep : .command(.pdxa)
        case .prechargePowerDown: return idle && !refreshOwed ? .asleep : .command(.pdxp)
        case .awake: break
        }
        if wantsSelfRefresh[r] {
            if !idle { wantsSelfRefresh[r] = false } else { return .command(banks.allClosed(rank: r) ? .srefen : .prea) }
        }
        return .awake
    }

    /// Power-down entry for an awake, idle rank with nothing else to do.
    @inline(__always)
    func entry(rank r: Int, idle: Bool, _ banks: BankMachines) -> DRAMCommand? {
        guard powersDownIdleRanks && idle else { return nil }
        return banks.allClosed(rank: r) ? .pdep : .pdea
    }

    /// Work arrived for rank `r`: stay awake instead of entering self-refresh.
    @inline(__always)
    mutating func requestArrived(rank r: Int) { wantsSelfRefresh[r] = false }

    /// Power state changes of an issued command. `idle` and `refreshOwed`
    /// describe the command's rank.
    @inline(__always)
    mutating func update(after c: IssuedCommand, idle: Bool, refreshOwed: Bool) {
        switch c.command {
        case .pdea: state[c.rank] = .activePowerDown
        case .pdep: state[c.rank] = .prechargePowerDown
        case .pdxa: state[c.rank] = .awake
        case .pdxp:
            state[c.rank] = .awake
            wantsSelfRefresh[c.rank] = idle && refreshOwed
        case .srefen:
            state[c.rank] = .selfRefresh
            wantsSelfRefresh[c.rank] = false
        case .srefex:
            state[c.rank] = .awake
        default:
            break
        }
    }
}
