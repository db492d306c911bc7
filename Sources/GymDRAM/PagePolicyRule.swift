/// The row (page) policy (DRAMSys PagePolicy knob, docs/references.md §4):
/// whether a column access closes its row by auto-precharge (RDA/WRA).
/// `BankMachines` asks it at each column command;
/// `ControllerRegistry.pagePolicies` names the implementations.
protocol PagePolicyRule: Sendable {
    /// - Parameters:
    ///   - hitsWaiting: another buffered request of this bank wants the same row.
    ///   - conflictsWaiting: a buffered request of this bank wants another row.
    func autoPrecharges(hitsWaiting: Bool, conflictsWaiting: Bool) -> Bool
}
