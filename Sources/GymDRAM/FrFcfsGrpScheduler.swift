/// FR-FCFS with read/write grouping (DRAMSys SchedulerFrFcfsGrp,
/// docs/references.md §4): among row hits, prefer the oldest of
/// the same direction as the channel's last column command (saving a bus
/// turnaround, tWTR or tRTW); else the oldest hit; else the oldest request.
struct FrFcfsGrpScheduler: RequestScheduler {
    func pick(_ buffer: [BufferedRequest], _ range: Range<Int>, openRow: Int, lastWasWrite: Bool) -> Int {
        guard openRow >= 0 else { return 0 }
        var firstHit = -1
        for i in range where buffer[i].row == openRow {
            if buffer[i].isWrite == lastWasWrite { return i - range.lowerBound }
            if firstHit < 0 { firstHit = i - range.lowerBound }
        }
        return firstHit >= 0 ? firstHit : 0
    }
}
