/// How RequestBufferSize limits admission to the scheduler's buffer (DRAMSys
/// SchedulerBuffer knob and its BufferCounter, docs/references.md §4): each
/// request is admitted by one counter, which counts the buffered requests it
/// admitted and takes a new one while below RequestBufferSize. A request
/// that finds no space waits in the arbiter and blocks the ones behind it.
/// `RequestBuffer` keeps the counts; `ControllerRegistry.schedulerBuffers`
/// names the rules.
protocol SchedulerBufferRule: Sendable {
    /// The counter (0, 1, …) that admits a request to flat bank `bank`
    /// (rank-major) that reads or writes.
    func counter(bank: Int, isWrite: Bool) -> Int
    /// The most requests one bank can hold for a buffer of `size` entries.
    func slotsPerBank(size: Int) -> Int
}
