/// PerBank: one REFPB per bank, round robin, so each bank is refreshed once
/// per tREFI (one command every tREFI / banks); other banks keep working.
struct PerBankRefresh: RefreshScheme {
    var command: DRAMCommand { .refpb }
    func interval(_ spec: MemSpec) -> Int { max(1, spec.timing.REFI / spec.organisation.banks) }
    func bank(step: Int, _ spec: MemSpec) -> Int { step % spec.organisation.banks }
}
