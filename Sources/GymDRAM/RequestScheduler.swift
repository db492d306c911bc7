import GymCore

/// Chooses which buffered request a bank serves next (DRAMSys Scheduler
/// knob, docs/references.md §4). DRAMSys asks the scheduler once per bank;
/// the command multiplexer then issues the ready command of the oldest
/// chosen request. `ControllerRegistry.schedulers` names the implementations.
protocol RequestScheduler: Sendable {
    /// Offset inside `range` of the chosen request; `buffer[range]` holds the
    /// bank's requests, oldest first, and is never empty.
    /// - Parameters:
    ///   - openRow: the bank's open row, or -1 when precharged.
    ///   - lastWasWrite: whether the channel's last column command was a write.
    func pick(_ buffer: [BufferedRequest], _ range: Range<Int>, openRow: Int, lastWasWrite: Bool) -> Int

    /// Simulates one channel with this scheduler. Keep the default: it runs a
    /// `ChannelSimulator` specialised for the conforming type, so the hot
    /// loop calls `pick` without dynamic dispatch.
    func simulateChannel(_ requests: [ChannelRequest], spec: MemSpec, config: ControllerConfiguration,
                         cancellation: Cancellation?) -> ChannelOutcome
}

extension RequestScheduler {
    func simulateChannel(_ requests: [ChannelRequest], spec: MemSpec, config: ControllerConfiguration,
                         cancellation: Cancellation?) -> ChannelOutcome {
        var channel = ChannelSimulator(spec: spec, config: config, requests: requests, scheduler: self)
        return channel.run(cancellation: cancellation)
    }
}
