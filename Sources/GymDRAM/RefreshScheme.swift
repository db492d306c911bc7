/// What one refresh command covers and how often one falls due (DRAMSys
/// RefreshPolicy knob, docs/references.md §4; JEDEC REFab every tREFI, §4,
/// and same-bank REFsb, §8). Postponing and pulling in (RefreshMaxPostponed /
/// RefreshMaxPulledin) are common to every scheme and live in
/// `RefreshManager`; `ControllerRegistry.refreshSchemes` names the schemes.
protocol RefreshScheme: Sendable {
    var command: DRAMCommand { get }
    /// Cycles between two due refresh commands of a rank.
    func interval(_ spec: MemSpec) -> Int
    /// The banks the `step`-th refresh of a rank covers.
    func target(step: Int, _ spec: MemSpec) -> RefreshTarget
}

/// The banks one refresh command covers: `first`, `first + stride`, … below
/// the rank's bank count, or the whole rank.
struct RefreshTarget: Sendable {
    /// The command's bank argument: -1 for the whole rank, else a flat bank
    /// (per-bank) or the bank index inside every group (same-bank).
    var bank: Int
    var first: Int
    var stride: Int

    static let wholeRank = RefreshTarget(bank: -1, first: 0, stride: 1)

    var coversRank: Bool { bank < 0 }

    @inline(__always)
    func covers(_ b: Int) -> Bool { coversRank || b >= first && (b - first) % stride == 0 }
}
