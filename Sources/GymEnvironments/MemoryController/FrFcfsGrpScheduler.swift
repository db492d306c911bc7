/// FR-FCFS with read/write grouping: among row hits, prefer the oldest of
/// the same direction as the channel's last column command (saving a bus
/// turnaround, tWTR or tRTW); else the oldest hit; else the oldest request.
struct FrFcfsGrpScheduler: RequestScheduler {
    func pick(_ queue: UnsafeBufferPointer<BufferedRequest>, openRow: Int, lastWasWrite: Bool) -> Int {
        guard openRow >= 0 else { return 0 }
        var firstHit = -1
        for i in 0..<queue.count where queue[i].row == openRow {
            if queue[i].isWrite == lastWasWrite { return i }
            if firstHit < 0 { firstHit = i }
        }
        return firstHit >= 0 ? firstHit : 0
    }
}
