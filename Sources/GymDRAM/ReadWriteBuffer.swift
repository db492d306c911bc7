/// ReadWrite (DRAMSys BufferCounterReadWrite, docs/references.md §4): one
/// buffer of RequestBufferSize entries for reads and one for writes, so a
/// bank may hold both halves.
struct ReadWriteBuffer: SchedulerBufferRule {
    func hasSpace(for request: ChannelRequest, in buffer: RequestBuffer) -> Bool {
        (request.isWrite ? buffer.writes : buffer.reads) < buffer.size
    }
    func slotsPerBank(size: Int) -> Int { 2 * size }
}
