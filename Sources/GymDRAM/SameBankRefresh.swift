/// SameBank refresh (DRAMSys RefreshManagerSameBank, docs/references.md §4;
/// REFsb needs the same-numbered bank closed in every group, §8): one REFSB
/// refreshes bank k of every group, round robin over k (one command every
/// tREFI / banks per group, or the memspec's tREFIsb: DDR5 tREFI2 / 4, §8).
struct SameBankRefresh: RefreshScheme {
    var command: DRAMCommand { .refsb }
    func interval(_ spec: MemSpec) -> Int { spec.timing.sameBankRefreshInterval(banksPerGroup: spec.organisation.banksPerGroup) }
    func target(step: Int, _ spec: MemSpec) -> RefreshTarget {
        let k = step % spec.organisation.banksPerGroup
        return RefreshTarget(bank: k, first: k, stride: spec.organisation.banksPerGroup)
    }
}
