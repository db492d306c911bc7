/// Every knob of the memory controller, with DRAMSys's meaning
/// (docs/references.md §4, "DRAMSys controller knobs"). `ControllerRegistry`
/// maps each value to the component implementing it.
public struct ControllerConfiguration: Sendable, Hashable {
    /// When a bank closes its row after a column access (see `PagePolicyRule`).
    public enum PagePolicy: String, CaseIterable, Sendable { case open = "Open", openAdaptive = "OpenAdaptive", closed = "Closed", closedAdaptive = "ClosedAdaptive" }
    /// Which waiting request a bank serves next (see `RequestScheduler`).
    public enum Scheduler: String, CaseIterable, Sendable { case fifo = "Fifo", frFcfs = "FrFcfs", frFcfsGrp = "FrFcfsGrp" }
    /// How `requestBufferSize` limits admission: `bankwise` gives each bank
    /// its own buffer of that size, `readWrite` one buffer for reads and one
    /// for writes, `shared` one buffer for the whole channel. A request that
    /// finds no space waits in the arbiter and blocks the ones behind it
    /// (see `SchedulerBufferRule`).
    public enum SchedulerBuffer: String, CaseIterable, Sendable { case bankwise = "Bankwise", readWrite = "ReadWrite", shared = "Shared" }
    /// Order of responses leaving the controller: `fifo` as the data
    /// completes, `reorder` in request order (a response waits for older ones;
    /// see `ResponseQueueRule`).
    public enum ResponseQueue: String, CaseIterable, Sendable { case fifo = "Fifo", reorder = "Reorder" }
    /// Which refresh commands keep the cells alive (see `RefreshScheme`).
    public enum RefreshPolicy: String, CaseIterable, Sendable { case noRefresh = "NoRefresh", allBank = "AllBank", perBank = "PerBank", sameBank = "SameBank" }
    /// The front end between initiator and controller. `simple` forwards each
    /// request the cycle it arrives and each response the cycle it completes,
    /// with no limit on outstanding transactions. `fifo` queues requests and
    /// responses, forwarding at most one request per cycle with one cycle of
    /// arbitration delay each way, and caps outstanding transactions at
    /// `maxActiveTransactions`. `reorder` is `fifo` that also returns
    /// responses in the initiator's request order (see `ArbiterRule`).
    public enum Arbiter: String, CaseIterable, Sendable { case simple = "Simple", fifo = "Fifo", reorder = "Reorder" }
    /// `noPowerDown` keeps ranks awake. `staggered` puts each idle rank (no
    /// request buffered for it) into power-down on its own: precharge
    /// power-down when all banks are closed, active power-down otherwise; it
    /// wakes the rank (tXP) for a request or a due refresh. A refresh falling
    /// due in precharge power-down sends the rank into self-refresh instead,
    /// left (tXS) when a request arrives (see `PowerDownRule`).
    public enum PowerDownPolicy: String, CaseIterable, Sendable { case noPowerDown = "NoPowerDown", staggered = "Staggered" }

    public var pagePolicy: PagePolicy = .open
    public var scheduler: Scheduler = .frFcfs
    public var schedulerBuffer: SchedulerBuffer = .bankwise
    public var requestBufferSize: Int = 8
    public var responseQueue: ResponseQueue = .fifo
    public var refreshPolicy: RefreshPolicy = .allBank
    /// Refreshes that may fall due and be postponed while target banks have work (JEDEC: up to 8).
    public var refreshMaxPostponed: Int = 8
    /// Refreshes that may be issued ahead of time while target banks are idle (JEDEC: up to 8).
    public var refreshMaxPulledin: Int = 8
    public var arbiter: Arbiter = .simple
    /// Outstanding transactions per initiator in the Fifo and Reorder arbiters.
    public var maxActiveTransactions: Int = 128
    public var powerDownPolicy: PowerDownPolicy = .noPowerDown
    /// Whether long idle stretches are simulated in one step (the results are
    /// the same either way; tests turn it off to show that).
    var skipsIdleStretches = true

    public init() {}
}
