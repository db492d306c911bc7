/// FR-FCFS (first ready, first come first served): the oldest request that
/// hits the open row, else the oldest request.
struct FrFcfsScheduler: RequestScheduler {
    func pick(_ queue: UnsafeBufferPointer<BufferedRequest>, openRow: Int, lastWasWrite: Bool) -> Int {
        if openRow >= 0 {
            for i in 0..<queue.count where queue[i].row == openRow { return i }
        }
        return 0
    }
}
