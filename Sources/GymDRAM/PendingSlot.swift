/// Slots of the per-pass table of rank-wide earliest cycles, one per command
/// a bank can be waiting for.
enum PendingSlot {
    static let act: UInt8 = 0, pre: UInt8 = 1, read: UInt8 = 2, write: UInt8 = 3, unknown: UInt8 = 4
    static let count = 5
}
