/// Simple arbiter (DRAMSys ArbiterSimple, docs/references.md §4): forwards
/// each request the cycle it arrives and each response the cycle it
/// completes; MaxActiveTransactions does not apply.
struct SimpleArbiter: ArbiterRule {
    var delay: Int { 0 }
    func transactionCap(maxActiveTransactions: Int) -> Int? { nil }
    var returnsInRequestOrder: Bool { false }
}
