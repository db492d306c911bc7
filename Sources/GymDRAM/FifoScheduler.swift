/// Fifo scheduler (DRAMSys SchedulerFifo, docs/references.md §4): each bank
/// serves its requests strictly in arrival order, even when a younger
/// request would hit the open row.
struct FifoScheduler: RequestScheduler {
    func pick(_ buffer: [BufferedRequest], _ range: Range<Int>, openRow: Int, lastWasWrite: Bool) -> Int { 0 }
}
