/// The scheduler's request buffer (DRAMSys SchedulerBuffer and
/// RequestBufferSize, docs/references.md §4): per bank (rank-major) a queue
/// of buffered requests, oldest first, and the counts of the admitting
/// counters its `SchedulerBufferRule` assigns.
struct RequestBuffer {
    /// RequestBufferSize.
    let size: Int
    /// Slots per bank in `slots`.
    let capacity: Int
    let banksPerRank: Int
    /// `capacity` slots per bank; bank q's requests are `slots[range(ofBank: q)]`.
    private(set) var slots: [BufferedRequest]
    private(set) var queueCount: [Int]
    private(set) var queuedPerRank: [Int]
    /// Per flat bank and direction (`2 * bank + (isWrite ? 1 : 0)`): the
    /// counter that admits the request (asked of the rule once, here).
    private let counterOf: [Int]
    /// Per counter: the buffered requests it admitted.
    private var admittedBy: [Int]

    init(_ rule: any SchedulerBufferRule, size: Int, ranks: Int, banksPerRank: Int) {
        self.size = size
        self.banksPerRank = banksPerRank
        capacity = rule.slotsPerBank(size: size)
        slots = Array(repeating: BufferedRequest(id: -1, isWrite: false, row: -1, column: -1), count: ranks * banksPerRank * capacity)
        queueCount = Array(repeating: 0, count: ranks * banksPerRank)
        queuedPerRank = Array(repeating: 0, count: ranks)
        let counterOf = (0..<(2 * ranks * banksPerRank)).map { rule.counter(bank: $0 / 2, isWrite: $0 % 2 == 1) }
        self.counterOf = counterOf
        admittedBy = Array(repeating: 0, count: (counterOf.max() ?? 0) + 1)
    }

    @inline(__always)
    private func counter(bank q: Int, isWrite: Bool) -> Int { counterOf[2 &* q &+ (isWrite ? 1 : 0)] }

    /// Whether `r` finds space.
    @inline(__always)
    func hasSpace(for r: ChannelRequest) -> Bool { admittedBy[counter(bank: r.rank * banksPerRank + r.bank, isWrite: r.isWrite)] < size }

    @inline(__always)
    func count(rank: Int, bank: Int) -> Int { queueCount[rank * banksPerRank + bank] }

    /// Whether rank `r` has no buffered request.
    @inline(__always)
    func isIdle(rank r: Int) -> Bool { queuedPerRank[r] == 0 }

    /// Where flat bank `q`'s requests lie in `slots`.
    @inline(__always)
    func range(ofBank q: Int) -> Range<Int> { q * capacity..<(q * capacity + queueCount[q]) }

    /// The request at `offset` in flat bank `q`'s queue.
    @inline(__always)
    func request(bank q: Int, at offset: Int) -> BufferedRequest { slots[q * capacity + offset] }

    /// Buffers trace request `id` and returns its flat bank.
    @inline(__always)
    mutating func store(_ id: Int, _ r: ChannelRequest) -> Int {
        let q = r.rank * banksPerRank + r.bank
        slots[q * capacity + queueCount[q]] = BufferedRequest(id: id, isWrite: r.isWrite, row: r.row, column: r.column)
        queueCount[q] += 1
        queuedPerRank[r.rank] += 1
        admittedBy[counter(bank: q, isWrite: r.isWrite)] += 1
        return q
    }

    /// Removes the request at `offset` in the queue of rank `r`'s bank `b` (served).
    @inline(__always)
    mutating func remove(rank r: Int, bank b: Int, at offset: Int) {
        let q = r * banksPerRank + b
        let base = q * capacity, count = queueCount[q]
        admittedBy[counter(bank: q, isWrite: slots[base + offset].isWrite)] -= 1
        for k in offset..<(count - 1) { slots[base + k] = slots[base + k + 1] }
        queueCount[q] = count - 1
        queuedPerRank[r] -= 1
    }
}

/// A request waiting in the controller's buffer for its bank.
struct BufferedRequest: Sendable {
    /// Index of the request in the channel's trace (= admission order).
    var id: Int
    var isWrite: Bool
    var row: Int
    var column: Int
}
