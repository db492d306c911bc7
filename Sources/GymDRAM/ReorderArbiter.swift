/// Reorder arbiter (DRAMSys ArbiterReorder, docs/references.md §4): the Fifo
/// arbiter that also returns responses in each initiator's request order.
struct ReorderArbiter: ArbiterRule {
    var delay: Int { 1 }
    func transactionCap(maxActiveTransactions: Int) -> Int? { maxActiveTransactions }
    var returnsInRequestOrder: Bool { true }
}
