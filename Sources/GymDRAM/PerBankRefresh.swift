/// PerBank refresh (DRAMSys RefreshManagerPerBank, docs/references.md §4):
/// one REFPB per bank, round robin, so each bank is refreshed once per tREFI
/// (one command every tREFI / banks, or the memspec's tREFIpb for LPDDR and
/// HBM, docs/references.md §8); other banks keep working.
struct PerBankRefresh: RefreshScheme {
    var command: DRAMCommand { .refpb }
    func interval(_ spec: MemSpec) -> Int { spec.timing.perBankRefreshInterval(banks: spec.organisation.banks) }
    func target(step: Int, _ spec: MemSpec) -> RefreshTarget {
        let bank = step % spec.organisation.banks
        return RefreshTarget(bank: bank, first: bank, stride: spec.organisation.banks)
    }
}
