/// Shared (DRAMSys BufferCounterShared, docs/references.md §4): one buffer of
/// RequestBufferSize entries for every bank of the channel.
struct SharedBuffer: SchedulerBufferRule {
    func counter(bank: Int, isWrite: Bool) -> Int { 0 }
    func slotsPerBank(size: Int) -> Int { size }
}
