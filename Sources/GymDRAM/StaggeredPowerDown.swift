/// Staggered power-down (DRAMSys PowerDownManagerStaggered,
/// docs/references.md §4): each idle rank powers down on its own, precharge
/// power-down (IDD2P) when all its banks are closed, active power-down
/// (IDD3P) otherwise, and wakes with tXP for a request or a due refresh.
struct StaggeredPowerDown: PowerDownRule {
    var powersDownIdleRanks: Bool { true }
}
