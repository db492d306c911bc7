/// Fifo arbiter (DRAMSys ArbiterFifo, docs/references.md §4): queues
/// requests and responses in order, one cycle of arbitration each way, at
/// most one request forwarded per cycle and MaxActiveTransactions outstanding.
struct FifoArbiter: ArbiterRule {
    var delay: Int { 1 }
    func transactionCap(maxActiveTransactions: Int) -> Int? { maxActiveTransactions }
    var returnsInRequestOrder: Bool { false }
}
