/// AllBank: one REFAB per rank every tREFI; all banks precharged first (PREA).
struct AllBankRefresh: RefreshScheme {
    var command: DRAMCommand { .refab }
    func interval(_ spec: MemSpec) -> Int { spec.timing.REFI }
    func bank(step: Int, _ spec: MemSpec) -> Int { -1 }
}
