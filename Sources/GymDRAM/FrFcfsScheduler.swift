/// FR-FCFS scheduler (DRAMSys SchedulerFrFcfs, docs/references.md §4; first
/// ready, first come first served): the oldest request that hits the open
/// row, else the oldest request.
struct FrFcfsScheduler: RequestScheduler {
    func pick(_ buffer: [BufferedRequest], _ range: Range<Int>, openRow: Int, lastWasWrite: Bool) -> Int {
        if openRow >= 0 {
            for i in range where buffer[i].row == openRow { return i - range.lowerBound }
        }
        return 0
    }
}
