/// FR-FCFS with read/write grouping: among row hits, prefer the oldest of
/// the same direction as the channel's last column command (saving a bus
/// turnaround, tWTR or tRTW); else the oldest hit; else the oldest request.
struct FrFcfsGrpScheduler: RequestScheduler {
    func pick(_ queue: [BufferedRequest], openRow: Int, lastWasWrite: Bool) -> Int {
        guard openRow >= 0 else { return 0 }
        var firstHit = -1
        for (i, r) in queue.enumerated() where r.row == openRow {
            if r.isWrite == lastWasWrite { return i }
            if firstHit < 0 { firstHit = i }
        }
        return firstHit >= 0 ? firstHit : 0
    }
}
