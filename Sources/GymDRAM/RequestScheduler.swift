/// A request waiting in the controller's buffer for its bank.
struct BufferedRequest: Sendable {
    /// Index of the request in the channel's trace (= admission order).
    var id: Int
    var isWrite: Bool
    var row: Int
    var column: Int
}

/// Chooses which buffered request a bank serves next. DRAMSys asks the
/// scheduler once per bank; the command multiplexer then issues the ready
/// command of the oldest chosen request.
protocol RequestScheduler: Sendable {
    /// Offset inside `range` of the chosen request; `buffer[range]` holds the
    /// bank's requests, oldest first, and is never empty.
    /// - Parameters:
    ///   - openRow: the bank's open row, or -1 when precharged.
    ///   - lastWasWrite: whether the channel's last column command was a write.
    func pick(_ buffer: [BufferedRequest], _ range: Range<Int>, openRow: Int, lastWasWrite: Bool) -> Int
}
