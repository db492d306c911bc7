/// The JEDEC standard a device follows (a memspec's `memoryType`), and what
/// the controller takes from it beyond the timing values: which refresh
/// commands exist, how long each command holds the command bus, and whether
/// row and column commands have buses of their own (docs/references.md §4, §8).
public enum DRAMStandard: String, Sendable, CaseIterable {
    case ddr3 = "DDR3", ddr4 = "DDR4", ddr5 = "DDR5", lpddr4 = "LPDDR4", lpddr5 = "LPDDR5", hbm2 = "HBM2", hbm3 = "HBM3"

    /// DDR3 and DDR4 keep exactly the rules, energy and metrics they had
    /// before the later standards were added (the digest test pins them).
    public var isBeyondDDR4: Bool { self != .ddr3 && self != .ddr4 }

    /// The burst lengths the standard defines (§8; nil: not checked, as
    /// DDR3/DDR4 were never checked): DDR5 and LPDDR BL16 (BL32 optional),
    /// HBM3 BL8, HBM2 BL4 (or BL2).
    public var burstLengths: [Int]? {
        switch self {
        case .ddr3, .ddr4: return nil
        case .ddr5, .lpddr4, .lpddr5: return [16, 32]
        case .hbm3: return [8]
        case .hbm2: return [2, 4]
        }
    }

    public var isHBM: Bool { self == .hbm2 || self == .hbm3 }

    /// The `RefreshPolicy` values the standard has commands for (§8): DDR5
    /// refreshes all banks or the same bank of every group (REFsb), LPDDR
    /// and HBM all banks or one bank (REFpb). DDR3 and DDR4 keep every
    /// policy, as DRAMSys offers them (per-bank and same-bank times assumed).
    public var refreshPolicies: [ControllerConfiguration.RefreshPolicy] {
        switch self {
        case .ddr3, .ddr4: return ControllerConfiguration.RefreshPolicy.allCases
        case .ddr5: return [.noRefresh, .allBank, .sameBank]
        case .lpddr4, .lpddr5, .hbm2, .hbm3: return [.noRefresh, .allBank, .perBank]
        }
    }

    /// Why `policy` cannot run on this standard (nil when it can).
    public func rejection(of policy: ControllerConfiguration.RefreshPolicy) -> String? {
        guard !refreshPolicies.contains(policy) else { return nil }
        let what = policy == .perBank ? "per-bank refresh (REFpb)" : "same-bank refresh (REFsb)"
        return "RefreshPolicy \(policy.rawValue): \(rawValue) has no \(what); allowed: \(refreshPolicies.map(\.rawValue).joined(separator: ", "))"
    }

    /// Clock cycles `command` holds its command bus (§8): DDR5 ACT, RD, RDA,
    /// WR and WRA take 2 CK; LPDDR4 ACT, RD and WR 4 CK, PRE and REF 2 CK;
    /// HBM3 ACT 1.5 CK (rounded up to 2: the controller works in whole
    /// clocks) and HBM2 ACT 2 CK on the row bus; LPDDR5's ACT is ACT1 and
    /// ACT2 issued back to back (2 CK, so the nAAD deadline holds by
    /// construction; timings count from ACT1). Everything else takes 1.
    public func commandCycles(_ command: DRAMCommand) -> Int {
        switch self {
        case .ddr5: return command == .act || command.isColumn ? 2 : 1
        case .lpddr4:
            if command == .act || command.isColumn { return 4 }
            return command == .pre || command == .prea || command.isRefresh ? 2 : 1
        case .hbm2, .hbm3, .lpddr5: return command == .act ? 2 : 1
        case .ddr3, .ddr4: return 1
        }
    }

    /// The command bus `command` uses: HBM has a row bus (0: ACT, PRE,
    /// refresh, power-down) and a column bus (1: RD, WR); the others one bus (0).
    public func commandBus(_ command: DRAMCommand) -> Int { isHBM && command.isColumn ? 1 : 0 }

    /// Command/address pins a command drives (for interface toggles, §8):
    /// DDR5 CA0-13, LPDDR5 CA0-6, LPDDR4 CA0-5, HBM row bus 10 (HBM2 6) or
    /// column bus 8; DDR3/DDR4 none (their interface is not modelled).
    public func caPins(_ command: DRAMCommand) -> Int {
        switch self {
        case .ddr3, .ddr4: return 0
        case .ddr5: return 14
        case .lpddr5: return 7
        case .lpddr4: return 6
        case .hbm2: return command.isColumn ? 8 : 6
        case .hbm3: return command.isColumn ? 8 : 10
        }
    }
}
