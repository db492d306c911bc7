/// Shared (DRAMSys BufferCounterShared, docs/references.md §4): one buffer of
/// RequestBufferSize entries for every bank of the channel.
struct SharedBuffer: SchedulerBufferRule {
    func hasSpace(for request: ChannelRequest, in buffer: RequestBuffer) -> Bool {
        buffer.reads + buffer.writes < buffer.size
    }
    func slotsPerBank(size: Int) -> Int { size }
}
