/// Closed page policy (DRAMSys BankMachineClosed, docs/references.md §4):
/// every access auto-precharges (RDA/WRA).
struct ClosedPagePolicy: PagePolicyRule {
    func autoPrecharges(hitsWaiting: Bool, conflictsWaiting: Bool) -> Bool { true }
}
