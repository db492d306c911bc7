/// Open page policy (DRAMSys BankMachineOpen, docs/references.md §4): keep
/// the row open; a conflict later pays an explicit PRE.
struct OpenPagePolicy: PagePolicyRule {
    func autoPrecharges(hitsWaiting: Bool, conflictsWaiting: Bool) -> Bool { false }
}
