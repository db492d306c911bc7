/// Reorder response queue (DRAMSys RespQueueReorder, docs/references.md §4):
/// responses leave in request order; a finished one waits for older ones.
struct ReorderResponseQueue: ResponseQueueRule {
    var returnsInRequestOrder: Bool { true }
}
