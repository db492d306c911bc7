/// NoPowerDown (DRAMSys PowerDownManagerDummy, docs/references.md §4): ranks
/// never power down, so they never enter self-refresh either.
struct NoPowerDown: PowerDownRule {
    var powersDownIdleRanks: Bool { false }
}
