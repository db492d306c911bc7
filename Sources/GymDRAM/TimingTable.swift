/// Where a timing constraint applies, relative to the preceding command.
/// `bank` means every bank the preceding command touched and the following
/// command touches (one bank for ACT/RD, all banks for PREA/REFAB, one bank
/// per group for REFSB).
public enum TimingScope: Int, Sendable, CaseIterable {
    case bank, bankGroup, rank, otherRanks
}

/// One JEDEC timing rule as data: after `preceding`, `following` may not issue
/// within `latency` cycles in `scope`. With `window` > 1 the rule is a rolling
/// window instead: at most `window` `preceding` commands in any `latency`
/// cycles (tFAW: four ACTs per rank).
public struct TimingConstraint: Sendable, Hashable {
    public var preceding: DRAMCommand
    public var following: DRAMCommand
    public var scope: TimingScope
    public var latency: Int
    public var window: Int

    public init(_ preceding: DRAMCommand, _ following: DRAMCommand, _ scope: TimingScope, _ latency: Int, window: Int = 1) {
        self.preceding = preceding
        self.following = following
        self.scope = scope
        self.latency = latency
        self.window = window
    }
}

extension MemSpec {
    /// The device's timing rules (JESD79-3 / JESD79-4, and the later
    /// standards' of docs/references.md §8), one record per
    /// (preceding, following, scope). The controller only loops over this
    /// table; it never tests a command type to decide a delay.
    public var timingConstraints: [TimingConstraint] {
        let t = timing, b = burstCycles
        let reads: [DRAMCommand] = [.rd, .rda], writes: [DRAMCommand] = [.wr, .wra]
        let columns = reads + writes, refreshes: [DRAMCommand] = [.refab, .refpb, .refsb]
        let powerDownEntries: [DRAMCommand] = [.pdea, .pdep, .srefen]
        // Everything a rank may do once it is awake again.
        let awake: [DRAMCommand] = [.act, .pre, .prea] + columns + refreshes + [.srefen]
        var rows: [TimingConstraint] = []
        func add(_ from: [DRAMCommand], _ to: [DRAMCommand], _ scope: TimingScope, _ latency: Int) {
            guard latency > 0 else { return }
            for f in from { for g in to { rows.append(TimingConstraint(f, g, scope, latency)) } }
        }
        // Row commands on the same bank.
        add([.act], [.act], .bank, t.RC)                                  // tRC
        add([.act], reads, .bank, t.RCD)                                  // tRCD (HBM: tRCDRD)
        add([.act], writes, .bank, t.writeRCD)                               // tRCD (HBM: tRCDWR, §8)
        add([.act], [.pre, .prea], .bank, t.RAS)                          // tRAS
        add([.act], refreshes, .bank, t.RC)                               // bank must be precharged: tRAS + tRP
        add([.pre, .prea], [.act] + refreshes + [.srefen], .bank, t.RP)   // tRP
        if t.allBankRP != t.RP { add([.prea], [.act] + refreshes + [.srefen], .bank, t.allBankRP) } // LPDDR tRPab (§8)
        add(reads, [.pre, .prea], .bank, t.RTP)                           // tRTP
        add(writes, [.pre, .prea], .bank, t.WL + b + t.WR)                // write recovery tWR after the burst
        add([.rda], [.act] + refreshes + [.srefen], .bank, t.RTP + t.RP)  // auto-precharge at tRTP, then tRP
        add([.wra], [.act] + refreshes + [.srefen], .bank, t.WL + b + t.WR + t.RP)
        add([.refab], [.act] + refreshes + [.srefen], .bank, t.RFC)       // tRFC (all-bank)
        add([.refpb], [.act] + refreshes, .bank, t.RFCpb)                 // tRFCpb
        add([.refsb], [.act] + refreshes, .bank, t.RFCsb)                 // tRFCsb
        // Same bank group ("_L") and same rank ("_S").
        add([.act], [.act], .bankGroup, t.RRD_L)
        add([.act], [.act], .rank, t.RRD_S)
        rows.append(TimingConstraint(.act, .act, .rank, t.FAW, window: 4)) // tFAW
        add(reads, reads, .bankGroup, t.CCD_L)
        add(writes, writes, .bankGroup, t.writeCCD_L)                       // DDR5 tCCD_L_WR (§8; else = tCCD_L)
        add(reads, reads, .rank, t.CCD_S)
        add(writes, writes, .rank, t.CCD_S)
        add(writes, reads, .bankGroup, t.WL + b + t.WTR_L)                // tWTR_L after the write burst
        add(writes, reads, .rank, t.WL + b + t.WTR_S)                     // tWTR_S
        add(reads, writes, .rank, t.RTW(burstCycles: b))                  // read-to-write bus turnaround
        // Per-bank and same-bank refreshes count as activations for spacing
        // (assumption, as LPDDR4's tRRD); later standards give their own
        // refresh-to-refresh (tRREFD) and refresh-to-ACT times (§8; else = tRRD_L).
        add([.act], [.refpb, .refsb], .rank, t.RRD_L)
        add([.refpb, .refsb], [.refpb, .refsb], .rank, t.refreshToRefresh)
        add([.refpb, .refsb], [.act], .rank, t.refreshToACT)
        add([.pre, .prea], [.pre, .prea], .rank, t.PPD)                   // tPPD (§8; DDR3/DDR4: none)
        // Shared data bus between ranks: burst plus rank-to-rank switch tRTRS.
        add(reads, reads, .otherRanks, max(b + t.RTRS, t.CCDR))           // HBM stack IDs: tCCDR (§8)
        add(writes, writes, .otherRanks, max(b + t.RTRS, t.CCDR))
        add(reads, writes, .otherRanks, t.CL + b + t.RTRS - t.WL)
        add(writes, reads, .otherRanks, t.WL + b + t.RTRS - t.CL)
        // Power-down and self-refresh entry wait for bursts, recovery and refresh to finish.
        add(reads, powerDownEntries, .rank, t.CL + b + 1)                 // tRDPDEN
        add([.wr], powerDownEntries, .rank, t.WL + b + t.WR)              // tWRPDEN
        add([.wra], powerDownEntries, .rank, t.WL + b + t.WR + 1)         // tWRAPDEN
        add([.act, .pre, .prea], [.pdea, .pdep], .rank, 1)                // tACTPDEN, tPRPDEN
        add([.refab], [.pdea, .pdep], .rank, t.RFC)
        add([.refpb], [.pdea, .pdep, .srefen], .rank, t.RFCpb)
        add([.refsb], [.pdea, .pdep, .srefen], .rank, t.RFCsb)
        add([.pdea], [.pdxa], .rank, t.CKE)                               // tCKE minimum pulse
        add([.pdep], [.pdxp], .rank, t.CKE)
        add([.srefen], [.srefex], .rank, t.CKE + 1)                       // tCKESR
        add([.pdxa, .pdxp], awake, .rank, t.XP)                           // tXP
        add([.pdxa, .pdxp], [.pdea, .pdep], .rank, t.CKE)
        add([.srefex], awake, .rank, t.XS)                                // tXS
        add([.srefex], [.pdea, .pdep], .rank, max(t.CKE, t.XS))
        // Multi-cycle commands hold their command bus (§8): the next command
        // on that bus, to any rank, waits until it is free.
        for c in DRAMCommand.allCases where standard.commandCycles(c) > 1 {
            let sameBus = DRAMCommand.allCases.filter { standard.commandBus($0) == standard.commandBus(c) }
            add([c], sameBus, .rank, standard.commandCycles(c))
            add([c], sameBus, .otherRanks, standard.commandCycles(c))
        }
        return rows
    }
}
