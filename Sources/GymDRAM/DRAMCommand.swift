/// The commands a DDR3/DDR4 controller puts on the command bus (JESD79-3/-4).
///
/// Column commands with auto-precharge (`rda`, `wra`) close the row by
/// themselves. Refresh comes in three kinds: all-bank (`refab`, every bank of a
/// rank), per-bank (`refpb`, one bank) and same-bank (`refsb`, the same bank
/// index in every bank group). Power-down and self-refresh have entry/exit pairs.
public enum DRAMCommand: Int, CaseIterable, Sendable, Hashable {
    case act, pre, prea, rd, rda, wr, wra, refab, refpb, refsb
    case pdea, pdxa, pdep, pdxp, srefen, srefex

    /// Mnemonic as printed in the command log (DRAMSys spelling).
    public var mnemonic: String {
        switch self {
        case .act: return "ACT"
        case .pre: return "PRE"
        case .prea: return "PREA"
        case .rd: return "RD"
        case .rda: return "RDA"
        case .wr: return "WR"
        case .wra: return "WRA"
        case .refab: return "REFAB"
        case .refpb: return "REFPB"
        case .refsb: return "REFSB"
        case .pdea: return "PDEA"
        case .pdxa: return "PDXA"
        case .pdep: return "PDEP"
        case .pdxp: return "PDXP"
        case .srefen: return "SREFEN"
        case .srefex: return "SREFEX"
        }
    }

    public init?(mnemonic: String) {
        guard let c = DRAMCommand.allCases.first(where: { $0.mnemonic == mnemonic }) else { return nil }
        self = c
    }

    public var isRead: Bool { self == .rd || self == .rda }
    public var isWrite: Bool { self == .wr || self == .wra }
    public var isColumn: Bool { isRead || isWrite }
    public var isRefresh: Bool { self == .refab || self == .refpb || self == .refsb }
    /// Commands that address one bank (the rest address a set of banks or the rank).
    public var isBankCommand: Bool { self == .act || self == .pre || isColumn || self == .refpb }

    static let count = DRAMCommand.allCases.count
}

/// One command as issued: when (controller cycle), what, and where.
/// `bank` is the flat bank index in the rank (bank group = bank / banks per
/// group); rank-level commands (PREA, REFAB, power-down) use bank -1, and a
/// same-bank refresh gives the bank index inside each group. Row and column
/// are -1 when the command carries none.
public struct IssuedCommand: Hashable, Sendable {
    public var cycle: Int
    public var command: DRAMCommand
    public var rank: Int
    public var bank: Int
    public var row: Int
    public var column: Int

    public init(cycle: Int, command: DRAMCommand, rank: Int, bank: Int = -1, row: Int = -1, column: Int = -1) {
        self.cycle = cycle
        self.command = command
        self.rank = rank
        self.bank = bank
        self.row = row
        self.column = column
    }
}
