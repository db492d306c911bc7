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
