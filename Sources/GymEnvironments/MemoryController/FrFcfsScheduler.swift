/// FR-FCFS (first ready, first come first served): the oldest request that
/// hits the open row, else the oldest request.
struct FrFcfsScheduler: RequestScheduler {
    func pick(_ queue: [BufferedRequest], openRow: Int, lastWasWrite: Bool) -> Int {
        if openRow >= 0, let hit = queue.firstIndex(where: { $0.row == openRow }) { return hit }
        return 0
    }
}
