/// A request of one channel as the controller sees it: decoded by the
/// address mapping and timed in controller cycles (docs/references.md §4,
/// DRAMSys trace format; `DRAMSimulation` does the decoding once).
struct ChannelRequest: Sendable, Hashable {
    var arrival: Int
    var isWrite: Bool
    var rank: Int
    var bank: Int
    var row: Int
    var column: Int
}
