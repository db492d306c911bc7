/// AllBank refresh (DRAMSys RefreshManagerAllBank, docs/references.md §4):
/// one REFAB per rank every tREFI, all banks precharged first (PREA).
struct AllBankRefresh: RefreshScheme {
    var command: DRAMCommand { .refab }
    func interval(_ spec: MemSpec) -> Int { spec.timing.REFI }
    func target(step: Int, _ spec: MemSpec) -> RefreshTarget { .wholeRank }
}
