/// OpenAdaptive page policy (DRAMSys BankMachineOpenAdaptive,
/// docs/references.md §4): keep the row open unless another row of this
/// bank is wanted and no request wants this one.
struct OpenAdaptivePagePolicy: PagePolicyRule {
    func autoPrecharges(hitsWaiting: Bool, conflictsWaiting: Bool) -> Bool { conflictsWaiting && !hitsWaiting }
}
