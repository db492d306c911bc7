/// How RequestBufferSize limits admission to the scheduler's buffer (DRAMSys
/// SchedulerBuffer knob and its BufferCounter, docs/references.md §4). A
/// request that finds no space waits in the arbiter and blocks the ones
/// behind it. `RequestBuffer` applies the rule;
/// `ControllerRegistry.schedulerBuffers` names them.
protocol SchedulerBufferRule: Sendable {
    /// Whether `request` finds space in `buffer` (of `buffer.size` entries per
    /// bank, per direction, or for the whole channel).
    func hasSpace(for request: ChannelRequest, in buffer: RequestBuffer) -> Bool
    /// The most requests one bank can hold for a buffer of `size` entries.
    func slotsPerBank(size: Int) -> Int
}
