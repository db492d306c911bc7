/// ReadWrite (DRAMSys BufferCounterReadWrite, docs/references.md §4): one
/// buffer of RequestBufferSize entries for reads and one for writes, so a
/// bank may hold both halves.
struct ReadWriteBuffer: SchedulerBufferRule {
    func counter(bank: Int, isWrite: Bool) -> Int { isWrite ? 1 : 0 }
    func slotsPerBank(size: Int) -> Int { 2 * size }
}
