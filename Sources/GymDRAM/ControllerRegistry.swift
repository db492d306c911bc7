/// The controller's component registry (Ramulator 2's factory; the knobs are
/// DRAMSys's, docs/references.md §4): for each knob, the implementation each
/// of its values names, one line per implementation. The controller asks
/// here and never names a concrete component; a new variant is one file and
/// one line below (plus its name in `ControllerConfiguration`).
enum ControllerRegistry {
    static let schedulers: [(name: ControllerConfiguration.Scheduler, implementation: any RequestScheduler)] = [
        (.fifo, FifoScheduler()),
        (.frFcfs, FrFcfsScheduler()),
        (.frFcfsGrp, FrFcfsGrpScheduler()),
    ]
    static let schedulerBuffers: [(name: ControllerConfiguration.SchedulerBuffer, implementation: any SchedulerBufferRule)] = [
        (.bankwise, BankwiseBuffer()),
        (.readWrite, ReadWriteBuffer()),
        (.shared, SharedBuffer()),
    ]
    static let pagePolicies: [(name: ControllerConfiguration.PagePolicy, implementation: any PagePolicyRule)] = [
        (.open, OpenPagePolicy()),
        (.openAdaptive, OpenAdaptivePagePolicy()),
        (.closed, ClosedPagePolicy()),
        (.closedAdaptive, ClosedAdaptivePagePolicy()),
    ]
    /// NoRefresh has no scheme: no refresh commands (fine for short simulations, not for real parts).
    static let refreshSchemes: [(name: ControllerConfiguration.RefreshPolicy, implementation: (any RefreshScheme)?)] = [
        (.noRefresh, nil),
        (.allBank, AllBankRefresh()),
        (.perBank, PerBankRefresh()),
        (.sameBank, SameBankRefresh()),
    ]
    static let powerDownPolicies: [(name: ControllerConfiguration.PowerDownPolicy, implementation: any PowerDownRule)] = [
        (.noPowerDown, NoPowerDown()),
        (.staggered, StaggeredPowerDown()),
    ]
    static let arbiters: [(name: ControllerConfiguration.Arbiter, implementation: any ArbiterRule)] = [
        (.simple, SimpleArbiter()),
        (.fifo, FifoArbiter()),
        (.reorder, ReorderArbiter()),
    ]
    static let responseQueues: [(name: ControllerConfiguration.ResponseQueue, implementation: any ResponseQueueRule)] = [
        (.fifo, FifoResponseQueue()),
        (.reorder, ReorderResponseQueue()),
    ]

    /// The implementation registered under `name` (every value of a knob has one).
    static func implementation<Name: RawRepresentable & Equatable, Implementation>(
        _ name: Name, in table: [(name: Name, implementation: Implementation)]
    ) -> Implementation where Name.RawValue == String {
        guard let entry = table.first(where: { $0.name == name }) else {
            preconditionFailure("no \(Name.self) implementation registered as \(name.rawValue); registered: \(table.map(\.name.rawValue).joined(separator: ", "))")
        }
        return entry.implementation
    }
}

extension ControllerConfiguration.Scheduler {
    var implementation: any RequestScheduler { ControllerRegistry.implementation(self, in: ControllerRegistry.schedulers) }
}

extension ControllerConfiguration.SchedulerBuffer {
    var rule: any SchedulerBufferRule { ControllerRegistry.implementation(self, in: ControllerRegistry.schedulerBuffers) }
}

extension ControllerConfiguration.PagePolicy {
    var rule: any PagePolicyRule { ControllerRegistry.implementation(self, in: ControllerRegistry.pagePolicies) }
}

extension ControllerConfiguration.RefreshPolicy {
    /// nil for NoRefresh.
    var scheme: (any RefreshScheme)? { ControllerRegistry.implementation(self, in: ControllerRegistry.refreshSchemes) }
}

extension ControllerConfiguration.PowerDownPolicy {
    var rule: any PowerDownRule { ControllerRegistry.implementation(self, in: ControllerRegistry.powerDownPolicies) }
}

extension ControllerConfiguration.Arbiter {
    var rule: any ArbiterRule { ControllerRegistry.implementation(self, in: ControllerRegistry.arbiters) }
}

extension ControllerConfiguration.ResponseQueue {
    var rule: any ResponseQueueRule { ControllerRegistry.implementation(self, in: ControllerRegistry.responseQueues) }
}
