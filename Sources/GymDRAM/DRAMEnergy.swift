/// DRAMPower-style energy of a command log (docs/references.md §4): command
/// energies from IDD increments over their characteristic times, plus
/// background energy from how long each rank spent active, precharged, in
/// active or precharge power-down, or in self-refresh. Computed per device
/// and multiplied by the devices per rank. E = cycles · tCK · I · V, and
/// ns · mA · V = pJ. VPP/IPP and I/O termination are not modelled.
public struct DRAMEnergy: Sendable, Hashable {
    public var actPJ = 0.0, prePJ = 0.0, readPJ = 0.0, writePJ = 0.0, refreshPJ = 0.0, backgroundPJ = 0.0
    /// Residency in cycles, summed over ranks.
    public var activeCycles = 0, prechargedCycles = 0
    public var activePowerDownCycles = 0, prechargePowerDownCycles = 0, selfRefreshCycles = 0
    /// Banks closed (explicit PRE, each bank closed by PREA, auto-precharges).
    public var prechargeCount = 0

    public var totalPJ: Double { actPJ + prePJ + readPJ + writePJ + refreshPJ + backgroundPJ }

    /// Energy of `commands` (one channel, in issue order) over cycles [0, endCycle).
    public static func of(_ commands: [IssuedCommand], endCycle: Int, spec: MemSpec) -> DRAMEnergy {
        of(commands, repeats: [], endCycle: endCycle, spec: spec)
    }

    /// Cycles a refresh command keeps its rank active (nil: not a refresh).
    static func refreshCycles(_ command: DRAMCommand, _ t: MemSpec.Timing) -> Int? {
        switch command {
        case .refab: return t.RFC
        case .refpb: return t.RFCpb
        case .refsb: return t.RFCsb
        default: return nil
        }
    }

    /// Energy of a command log with idle repeats (`CommandRepeat`): each
    /// repeated block holds refreshes only, disjoint from each other and from
    /// all other activity (checked when the repeat was made), so copies add
    /// their counts and active cycles; the last copy goes through the same
    /// union as every other command, for its neighbours after the stretch.
    static func of(_ commands: [IssuedCommand], repeats: [CommandRepeat], endCycle: Int, spec: MemSpec) -> DRAMEnergy {
        let t = spec.timing, p = spec.power, o = spec.organisation, b = spec.burstCycles
        var e = DRAMEnergy()
        var counts = Array(repeating: 0, count: DRAMCommand.count)
        for r in 0..<o.ranks {
            var openSince = Array(repeating: -1, count: o.banks)
            var active: [(Int, Int)] = []
            var powerDownSince = -1, powerDown = DRAMCommand.pdea
            func close(_ bank: Int, at cycle: Int) {
                guard openSince[bank] >= 0 else { return }
                active.append((openSince[bank], cycle))
                openSince[bank] = -1
                e.prechargeCount += 1
            }
            var repeatedActive = 0
            func apply(_ c: IssuedCommand) {
                counts[c.command.rawValue] += 1
                switch c.command {
                case .act: openSince[c.bank] = c.cycle
                case .pre: close(c.bank, at: c.cycle)
                case .prea: for bank in 0..<o.banks { close(bank, at: c.cycle) }
                case .rda: close(c.bank, at: c.cycle + t.RTP)
                case .wra: close(c.bank, at: c.cycle + t.WL + b + t.WR)
                // Refresh draws IDD5 over tRFC; the IDD3N share is background (active).
                case .refab: active.append((c.cycle, c.cycle + t.RFC))
                case .refpb: active.append((c.cycle, c.cycle + t.RFCpb))
                case .refsb: active.append((c.cycle, c.cycle + t.RFCsb))
                case .pdea, .pdep, .srefen: powerDownSince = c.cycle; powerDown = c.command
                case .pdxa, .pdxp, .srefex:
                    let span = c.cycle - powerDownSince
                    switch powerDown {
                    case .pdea: e.activePowerDownCycles += span
                    case .pdep: e.prechargePowerDownCycles += span
                    default: e.selfRefreshCycles += span
                    }
                    powerDownSince = -1
                case .rd, .wr: break
                }
            }
            var nextRepeat = 0
            for (i, c) in commands.enumerated() {
                if c.rank == r { apply(c) }
                while nextRepeat < repeats.count, repeats[nextRepeat].start + repeats[nextRepeat].count - 1 == i {
                    let rp = repeats[nextRepeat]
                    for k in rp.start..<(rp.start + rp.count) where commands[k].rank == r {
                        var last = commands[k]
                        last.cycle += rp.times * rp.period
                        apply(last)
                        counts[last.command.rawValue] += rp.times - 1
                        repeatedActive += (rp.times - 1) * (refreshCycles(last.command, t) ?? 0)
                    }
                    nextRepeat += 1
                }
            }
            for bank in 0..<o.banks where openSince[bank] >= 0 { active.append((openSince[bank], endCycle)) }
            if powerDownSince >= 0 {
                let span = max(0, endCycle - powerDownSince)
                switch powerDown {
                case .pdea: e.activePowerDownCycles += span
                case .pdep: e.prechargePowerDownCycles += span
                default: e.selfRefreshCycles += span
                }
            }
            // Rank is active while any bank is open or refreshing: length of the union.
            active.sort { $0.0 < $1.0 }
            var union = 0, reach = Int.min
            for (s, f) in active {
                let start = max(s, reach), finish = min(f, endCycle)
                if finish > start { union += finish - start }
                reach = max(reach, f)
            }
            e.activeCycles += union + repeatedActive
        }
        // Active power-down happens with rows open, so it lies inside the active union.
        e.activeCycles = max(0, e.activeCycles - e.activePowerDownCycles)
        e.prechargedCycles = max(0, o.ranks * endCycle - e.activeCycles - e.activePowerDownCycles
                                    - e.prechargePowerDownCycles - e.selfRefreshCycles)

        let scale = t.tCKns * p.vdd * Double(o.devicesPerRank)   // pJ per (cycle · mA), all devices of a rank
        func n(_ c: DRAMCommand) -> Double { Double(counts[c.rawValue]) }
        e.actPJ = n(.act) * Double(t.RAS) * (p.idd0 - p.idd3n) * scale
        e.prePJ = Double(e.prechargeCount) * Double(t.RC - t.RAS) * (p.idd0 - p.idd2n) * scale
        e.readPJ = (n(.rd) + n(.rda)) * Double(b) * (p.idd4r - p.idd3n) * scale
        e.writePJ = (n(.wr) + n(.wra)) * Double(b) * (p.idd4w - p.idd3n) * scale
        // Per-bank and same-bank refreshes are charged the all-bank energy in
        // proportion to the banks they refresh (assumption: equal charge per bank).
        let refreshAll = Double(t.RFC) * (p.idd5 - p.idd3n) * scale
        e.refreshPJ = refreshAll * (n(.refab) + n(.refpb) / Double(o.banks) + n(.refsb) * Double(o.bankGroups) / Double(o.banks))
        e.backgroundPJ = scale * (Double(e.activeCycles) * p.idd3n + Double(e.prechargedCycles) * p.idd2n
            + Double(e.activePowerDownCycles) * p.idd3p + Double(e.prechargePowerDownCycles) * p.idd2p
            + Double(e.selfRefreshCycles) * p.idd6)
        return e
    }

    static func + (a: DRAMEnergy, b: DRAMEnergy) -> DRAMEnergy {
        var s = a
        s.actPJ += b.actPJ; s.prePJ += b.prePJ; s.readPJ += b.readPJ; s.writePJ += b.writePJ
        s.refreshPJ += b.refreshPJ; s.backgroundPJ += b.backgroundPJ
        s.activeCycles += b.activeCycles; s.prechargedCycles += b.prechargedCycles
        s.activePowerDownCycles += b.activePowerDownCycles; s.prechargePowerDownCycles += b.prechargePowerDownCycles
        s.selfRefreshCycles += b.selfRefreshCycles; s.prechargeCount += b.prechargeCount
        return s
    }
}
