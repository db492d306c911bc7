/// An independent JEDEC protocol checker for command logs. It shares no
/// code with the controller: the rules are written pairwise from the
/// datasheet definitions ("after a P to the same bank, N waits ..."), bank
/// states are tracked separately, data bursts are checked for overlap on the
/// bus, tFAW is counted directly, and the refresh rate is checked against
/// tREFI and the postpone/pull-in limits.
public struct ProtocolChecker: Sendable {
    public struct Violation: Sendable, CustomStringConvertible {
        public var index: Int
        public var command: IssuedCommand
        public var message: String
        public var description: String { "command \(index) (\(command.command.mnemonic) at cycle \(command.cycle), rank \(command.rank), bank \(command.bank)): \(message)" }
    }

    /// How a preceding command relates to the following one.
    enum Relation: Int, CaseIterable { case sameBank, sameGroup, sameRank, otherRank }

    public struct RefreshLimits: Sendable {
        public var command: DRAMCommand, interval: Int, maxPostponed: Int, maxPulledin: Int
        public init(command: DRAMCommand, interval: Int, maxPostponed: Int, maxPulledin: Int) {
            self.command = command; self.interval = interval; self.maxPostponed = maxPostponed; self.maxPulledin = maxPulledin
        }
    }

    let spec: MemSpec
    let refresh: RefreshLimits?
    /// gaps[prev][next][relation]: the minimum distance in cycles.
    let gaps: [[[Int]]]

    public init(spec: MemSpec, refresh: RefreshLimits? = nil) {
        self.spec = spec
        self.refresh = refresh
        var g: [[[Int]]] = []
        for p in DRAMCommand.allCases {
            g.append(DRAMCommand.allCases.map { n in Relation.allCases.map { ProtocolChecker.minimumGap(p, n, $0, spec) } })
        }
        gaps = g
    }

    /// The JEDEC minimum distance from `p` to `n` for their relation.
    static func minimumGap(_ p: DRAMCommand, _ n: DRAMCommand, _ relation: Relation, _ spec: MemSpec) -> Int {
        let t = spec.timing, burst = spec.burstCycles
        let sameRank = relation != .otherRank
        let sameGroup = relation == .sameBank || relation == .sameGroup
        let sameBank = relation == .sameBank
        var gap = 0
        func need(_ v: Int) { gap = max(gap, v) }
        let rowClosingEnd: Int? = {   // cycles from p until its bank is precharged and ready for ACT
            switch p {
            case .pre: return t.RP
            case .prea: return t.allBankRP
            case .rda: return t.RTP + t.RP
            case .wra: return t.WL + burst + t.WR + t.RP
            default: return nil
            }
        }()
        if !sameRank {
            // Other ranks share only the data bus.
            if p.isRead && n.isRead || p.isWrite && n.isWrite { need(max(burst + t.RTRS, t.CCDR)) }
            if p.isRead && n.isWrite { need(t.CL + burst + t.RTRS - t.WL) }
            if p.isWrite && n.isRead { need(t.WL + burst + t.RTRS - t.CL) }
            return gap
        }
        // Column-to-column on one rank.
        if p.isRead && n.isRead { need(sameGroup ? t.CCD_L : t.CCD_S) }
        if p.isWrite && n.isWrite { need(sameGroup ? t.writeCCD_L : t.CCD_S) }   // DDR5 tCCD_L_WR (§8)
        if p.isWrite && n.isRead { need(t.WL + burst + (sameGroup ? t.WTR_L : t.WTR_S)) }
        if p.isRead && n.isWrite { need(max(t.CL + burst + 2 - t.WL, t.RTWmin)) }
        // Activations on one rank.
        if p == .act && n == .act { need(sameBank ? t.RC : sameGroup ? t.RRD_L : t.RRD_S) }
        let bankRefreshes: [DRAMCommand] = [.refpb, .refsb]
        if p == .act && bankRefreshes.contains(n) && !sameBank { need(t.RRD_L) }
        if bankRefreshes.contains(p) && bankRefreshes.contains(n) && !sameBank { need(t.refreshToRefresh) }   // tRREFD (§8)
        if bankRefreshes.contains(p) && n == .act && !sameBank { need(t.refreshToACT) }
        if (p == .pre || p == .prea) && (n == .pre || n == .prea) { need(t.PPD) }                 // tPPD (§8)
        // Power-down and self-refresh.
        let entries: [DRAMCommand] = [.pdea, .pdep, .srefen]
        let wakeful: [DRAMCommand] = [.act, .pre, .prea, .rd, .rda, .wr, .wra, .refab, .refpb, .refsb, .srefen]
        if p.isRead && entries.contains(n) { need(t.CL + burst + 1) }
        if p == .wr && entries.contains(n) { need(t.WL + burst + t.WR) }
        if p == .wra && entries.contains(n) { need(t.WL + burst + t.WR + 1) }
        if [.act, .pre, .prea].contains(p) && (n == .pdea || n == .pdep) { need(1) }
        if p == .refab && (n == .pdea || n == .pdep) { need(t.RFC) }
        if p == .refpb && entries.contains(n) { need(t.RFCpb) }
        if p == .refsb && entries.contains(n) { need(t.RFCsb) }
        if (p == .pdea && n == .pdxa) || (p == .pdep && n == .pdxp) { need(t.CKE) }
        if p == .srefen && n == .srefex { need(t.CKE + 1) }
        if (p == .pdxa || p == .pdxp) && wakeful.contains(n) { need(t.XP) }
        if (p == .pdxa || p == .pdxp) && (n == .pdea || n == .pdep) { need(t.CKE) }
        if p == .srefex && wakeful.contains(n) { need(t.XS) }
        if p == .srefex && (n == .pdea || n == .pdep) { need(max(t.CKE, t.XS)) }
        guard sameBank else { return gap }
        // The same bank: row cycle.
        if p == .act && n.isRead { need(t.RCD) }
        if p == .act && n.isWrite { need(t.writeRCD) }                                           // HBM tRCDWR (§8)
        if p == .act && (n == .pre || n == .prea) { need(t.RAS) }
        if p == .act && n.isRefresh { need(t.RC) }
        if p.isRead && (n == .pre || n == .prea) { need(t.RTP) }
        if p.isWrite && (n == .pre || n == .prea) { need(t.WL + burst + t.WR) }
        if let ready = rowClosingEnd, n == .act || n.isRefresh || n == .srefen { need(ready) }
        if p == .refab && (n == .act || n.isRefresh || n == .srefen) { need(t.RFC) }
        if p == .refpb && (n == .act || n.isRefresh) { need(t.RFCpb) }
        if p == .refsb && (n == .act || n.isRefresh) { need(t.RFCsb) }
        return gap
    }

    /// Banks a command touches, as a bit set over the rank's banks.
    func banks(of c: IssuedCommand) -> UInt64 {
        let o = spec.organisation
        let all: UInt64 = o.banks >= 64 ? ~0 : (1 << UInt64(o.banks)) - 1
        switch c.command {
        case .refsb:
            var m: UInt64 = 0
            for g in 0..<o.bankGroups { m |= 1 << UInt64(g * o.banksPerGroup + c.bank) }
            return m
        default:
            return c.command.isBankCommand ? 1 << UInt64(c.bank) : all
        }
    }

    func groups(of mask: UInt64) -> UInt64 {
        var g: UInt64 = 0
        for b in 0..<spec.organisation.banks where mask & (1 << UInt64(b)) != 0 { g |= 1 << UInt64(b / spec.organisation.banksPerGroup) }
        return g
    }
}
