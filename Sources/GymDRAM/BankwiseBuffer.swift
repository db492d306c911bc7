/// Bankwise (DRAMSys BufferCounterBankwise, docs/references.md §4): each bank
/// has its own buffer of RequestBufferSize entries.
struct BankwiseBuffer: SchedulerBufferRule {
    func counter(bank: Int, isWrite: Bool) -> Int { bank }
    func slotsPerBank(size: Int) -> Int { size }
}
