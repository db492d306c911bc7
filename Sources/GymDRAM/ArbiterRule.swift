/// The front end between the initiator and the channel controller (DRAMSys
/// Arbiter knob, docs/references.md §4): how long a request or response
/// takes to pass, whether outstanding transactions are capped
/// (MaxActiveTransactions), and whether responses go back in request order.
/// `RequestArbiter` applies the rule; `ControllerRegistry.arbiters` names them.
protocol ArbiterRule: Sendable {
    /// Cycles a request, and a response on its way back, spend in the arbiter.
    /// 0 forwards each the cycle it arrives, any number per cycle; a queueing
    /// arbiter (1) forwards at most one request per cycle.
    var delay: Int { get }
    /// Outstanding transactions allowed, given MaxActiveTransactions; nil: no cap.
    func transactionCap(maxActiveTransactions: Int) -> Int?
    /// Whether the arbiter returns responses in request order, whatever the
    /// response queue does.
    var returnsInRequestOrder: Bool { get }
}
