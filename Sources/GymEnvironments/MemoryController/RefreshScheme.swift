/// What one refresh command covers and how often one falls due. Postponing
/// and pulling in (RefreshMaxPostponed / RefreshMaxPulledin) are common to
/// every scheme and live in the controller.
protocol RefreshScheme: Sendable {
    var command: DRAMCommand { get }
    /// Cycles between two due refresh commands of a rank.
    func interval(_ spec: MemSpec) -> Int
    /// Bank argument of the `step`-th refresh: -1 = all banks, else a flat
    /// bank (per-bank) or a bank index inside each group (same-bank).
    func bank(step: Int, _ spec: MemSpec) -> Int
}

/// AllBank: one REFAB per rank every tREFI; all banks precharged first (PREA).
struct AllBankRefresh: RefreshScheme {
    var command: DRAMCommand { .refab }
    func interval(_ spec: MemSpec) -> Int { spec.timing.REFI }
    func bank(step: Int, _ spec: MemSpec) -> Int { -1 }
}

/// PerBank: one REFPB per bank, round robin, so each bank is refreshed once
/// per tREFI (one command every tREFI / banks); other banks keep working.
struct PerBankRefresh: RefreshScheme {
    var command: DRAMCommand { .refpb }
    func interval(_ spec: MemSpec) -> Int { max(1, spec.timing.REFI / spec.organisation.banks) }
    func bank(step: Int, _ spec: MemSpec) -> Int { step % spec.organisation.banks }
}

/// SameBank: one REFSB refreshes bank k of every group, round robin over k
/// (one command every tREFI / banks per group).
struct SameBankRefresh: RefreshScheme {
    var command: DRAMCommand { .refsb }
    func interval(_ spec: MemSpec) -> Int { max(1, spec.timing.REFI / spec.organisation.banksPerGroup) }
    func bank(step: Int, _ spec: MemSpec) -> Int { step % spec.organisation.banksPerGroup }
}

extension ControllerConfiguration.RefreshPolicy {
    /// nil for NoRefresh (no refresh commands; fine for short simulations, not for real parts).
    var scheme: (any RefreshScheme)? {
        switch self {
        case .noRefresh: return nil
        case .allBank: return AllBankRefresh()
        case .perBank: return PerBankRefresh()
        case .sameBank: return SameBankRefresh()
        }
    }
}
