/// When an idle rank powers down (DRAMSys PowerDownPolicy knob,
/// docs/references.md §4). `PowerDownManager` applies the rule;
/// `ControllerRegistry.powerDownPolicies` names the implementations.
protocol PowerDownRule: Sendable {
    /// Whether an awake rank with no buffered request enters power-down.
    var powersDownIdleRanks: Bool { get }
}
