/// ClosedAdaptive page policy (DRAMSys BankMachineClosedAdaptive,
/// docs/references.md §4): auto-precharge unless another request wants
/// this row.
struct ClosedAdaptivePagePolicy: PagePolicyRule {
    func autoPrecharges(hitsWaiting: Bool, conflictsWaiting: Bool) -> Bool { !hitsWaiting }
}
