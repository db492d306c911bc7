/// Bankwise (DRAMSys BufferCounterBankwise, docs/references.md §4): each bank
/// has its own buffer of RequestBufferSize entries.
struct BankwiseBuffer: SchedulerBufferRule {
    func hasSpace(for request: ChannelRequest, in buffer: RequestBuffer) -> Bool {
        buffer.count(rank: request.rank, bank: request.bank) < buffer.size
    }
    func slotsPerBank(size: Int) -> Int { size }
}
