/// A request waiting in the controller's buffer for its bank.
struct BufferedRequest: Sendable {
    /// Index of the request in the channel's trace (= admission order).
    var id: Int
    var isWrite: Bool
    var row: Int
    var column: Int
}

/// The scheduler's request buffer (DRAMSys SchedulerBuffer and
/// RequestBufferSize, docs/references.md §4): per bank (rank-major) a queue
/// of buffered requests, oldest first, and the counts its
/// `SchedulerBufferRule` admits by.
struct RequestBuffer {
    /// RequestBufferSize.
    let size: Int
    /// Slots per bank in `slots`.
    let capacity: Int
    let banksPerRank: Int
    let rule: any SchedulerBufferRule
    /// `capacity` slots per bank; bank q's requests are `slots[range(ofBank: q)]`.
    private(set) var slots: [BufferedRequest]
    private(set) var queueCount: [Int]
    private(set) var queuedPerRank: [Int]
    private(set) var reads = 0, writes = 0

    init(_ rule: any SchedulerBufferRule, size: Int, ranks: Int, banksPerRank: Int) {
        self.rule = rule
        self.size = size
        self.banksPerRank = banksPerRank
        capacity = rule.slotsPerBank(size: size)
        slots = Array(repeating: BufferedRequest(id: -1, isWrite: false, row: -1, column: -1), count: ranks * banksPerRank * capacity)
        queueCount = Array(repeating: 0, count: ranks * banksPerRank)
        queuedPerRank = Array(repeating: 0, count: ranks)
    }

    func hasSpace(for request: ChannelRequest) -> Bool { rule.hasSpace(for: request, in: self) }

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
    mutating func store(_ id: Int, _ r: ChannelRequest) -> Int {
        let q = r.rank * banksPerRank + r.bank
        slots[q * capacity + queueCount[q]] = BufferedRequest(id: id, isWrite: r.isWrite, row: r.row, column: r.column)
        queueCount[q] += 1
        queuedPerRank[r.rank] += 1
        if r.isWrite { writes += 1 } else { reads += 1 }
        return q
    }

    /// Removes the request at `offset` in flat bank `q`'s queue (served).
    mutating func remove(bank q: Int, at offset: Int) {
        let base = q * capacity, count = queueCount[q]
        let isWrite = slots[base + offset].isWrite
        for k in offset..<(count - 1) { slots[base + k] = slots[base + k + 1] }
        queueCount[q] = count - 1
        queuedPerRank[q / banksPerRank] -= 1
        if isWrite { writes -= 1 } else { reads -= 1 }
    }
}
