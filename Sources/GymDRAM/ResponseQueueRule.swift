/// The order responses leave the controller in (DRAMSys RespQueue knob,
/// docs/references.md §4). `ResponseQueue` applies the rule;
/// `ControllerRegistry.responseQueues` names them.
protocol ResponseQueueRule: Sendable {
    /// Whether a response waits for the responses of all older requests.
    var returnsInRequestOrder: Bool { get }
}
