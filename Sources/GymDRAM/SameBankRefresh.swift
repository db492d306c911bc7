/// SameBank: one REFSB refreshes bank k of every group, round robin over k
/// (one command every tREFI / banks per group).
struct SameBankRefresh: RefreshScheme {
    var command: DRAMCommand { .refsb }
    func interval(_ spec: MemSpec) -> Int { max(1, spec.timing.REFI / spec.organisation.banksPerGroup) }
    func bank(step: Int, _ spec: MemSpec) -> Int { step % spec.organisation.banksPerGroup }
}
