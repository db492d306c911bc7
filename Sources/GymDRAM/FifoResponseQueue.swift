/// Fifo response queue (DRAMSys RespQueueFifo, docs/references.md §4):
/// responses leave in completion order.
struct FifoResponseQueue: ResponseQueueRule {
    var returnsInRequestOrder: Bool { false }
}
