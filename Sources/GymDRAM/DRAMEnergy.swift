/// DRAMPower-style energy of a command log (docs/references.md §4): command
/// energies from IDD increments over their characteristic times, plus
/// background energy from how long each rank spent active, precharged, in
/// active or precharge power-down, or in self-refresh. Computed per device
/// and multiplied by the devices per rank. E = cycles · tCK · I · V, and
/// ns · mA · V = pJ. The standards beyond DDR4 add the second supply (VPP,
/// IPP currents, where the memspec gives them) into the same terms, and an
/// interface term (`interfacePJ`, docs/references.md §8) reported apart;
/// DDR3/DDR4 model neither (their results stay as they were).
public struct DRAMEnergy: Sendable, Hashable {
    public var actPJ = 0.0, prePJ = 0.0, readPJ = 0.0, writePJ = 0.0, refreshPJ = 0.0, backgroundPJ = 0.0
    /// I/O interface energy (not in `totalPJ`): DQ/DQS termination while
    /// data is on the bus, and 0→1 toggles of DQ, DQS, WCK, clock and CA pins.
    public var interfaceTerminationPJ = 0.0, interfaceTogglePJ = 0.0
    public var interfacePJ: Double { interfaceTerminationPJ + interfaceTogglePJ }
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
        let refreshShare = n(.refab) + n(.refpb) / Double(o.banks) + n(.refsb) * Double(o.bankGroups) / Double(o.banks)
        let refreshAll = Double(t.RFC) * (p.idd5 - p.idd3n) * scale
        e.refreshPJ = refreshAll * refreshShare
        e.backgroundPJ = scale * (Double(e.activeCycles) * p.idd3n + Double(e.prechargedCycles) * p.idd2n
            + Double(e.activePowerDownCycles) * p.idd3p + Double(e.prechargePowerDownCycles) * p.idd2p
            + Double(e.selfRefreshCycles) * p.idd6)
        guard spec.standard.isBeyondDDR4 else { return e }
        // The second supply (DDR5 VPP, §8) in the same terms: DRAMPower charges
        // each rail its own current increments over the same cycles.
        if p.vpp > 0 {
            let pp = t.tCKns * p.vpp * Double(o.devicesPerRank)
            e.actPJ += n(.act) * Double(t.RAS) * (p.ipp0 - p.ipp3n) * pp
            e.prePJ += Double(e.prechargeCount) * Double(t.RC - t.RAS) * (p.ipp0 - p.ipp2n) * pp
            e.readPJ += (n(.rd) + n(.rda)) * Double(b) * (p.ipp4r - p.ipp3n) * pp
            e.writePJ += (n(.wr) + n(.wra)) * Double(b) * (p.ipp4w - p.ipp3n) * pp
            e.refreshPJ += Double(t.RFC) * (p.ipp5 - p.ipp3n) * pp * refreshShare
            e.backgroundPJ += pp * (Double(e.activeCycles) * p.ipp3n + Double(e.prechargedCycles) * p.ipp2n
                + Double(e.activePowerDownCycles) * p.ipp3p + Double(e.prechargePowerDownCycles) * p.ipp2p
                + Double(e.selfRefreshCycles) * p.ipp6)
        }
        let bursts = (read: n(.rd) + n(.rda), write: n(.wr) + n(.wra))
        (e.interfaceTerminationPJ, e.interfaceTogglePJ) = DRAMEnergy.interface(
            bursts: bursts.read + bursts.write, counts: counts, endCycle: endCycle, spec: spec)
        return e
    }

    /// Interface energy of one channel (DRAMPower 5, docs/references.md §8),
    /// with random data (an assumption: traces carry no data): half of the
    /// bits are zeros and a quarter of bit transfers are 0→1 toggles.
    /// Static: zero bits × VDDQ² × (tCK / data rate) / R_eq while a burst is
    /// on a terminated bus (V²/Ω · ns = nJ). Dynamic: toggles × C × VDDQ²
    /// (pF · V² = pJ) on DQ, DQS (one differential pair per byte lane,
    /// toggling 0→1 once per two transfers), LPDDR5's WCK (one pair per
    /// byte lane, four 0→1 per CK of burst), the clock (one pair, one 0→1
    /// per CK) and the CA pins during each command's cycles.
    static func interface(bursts: Double, counts: [Int], endCycle: Int, spec: MemSpec) -> (termination: Double, toggles: Double) {
        let p = spec.power, o = spec.organisation, t = spec.timing, standard = spec.standard
        let v2 = p.vddq * p.vddq
        let dq = Double(o.width * o.devicesPerRank), beats = Double(o.burstLength)
        let strobes = 2 * max(1, dq / 8)
        let beatNs = t.tCKns / Double(o.dataRate)
        var termination = 0.0
        if p.terminationOhms > 0 {
            let zeroBitNs = bursts * (dq * beats / 2 + strobes * beats / 2) * beatNs
            termination = zeroBitNs * v2 / p.terminationOhms * 1000   // nJ → pJ
        }
        var toggles = bursts * (dq * beats / 4 + strobes * beats / 2)
        if standard == .lpddr5 { toggles += bursts * strobes * 4 * Double(spec.burstCycles) }
        toggles += 2 * Double(endCycle)
        var caCycles = 0.0
        for c in DRAMCommand.allCases { caCycles += Double(counts[c.rawValue] * standard.commandCycles(c)) * Double(standard.caPins(c)) }
        toggles += caCycles / 4
        return (termination, toggles * p.toggleCapacitancePF * v2)
    }

    static func + (a: DRAMEnergy, b: DRAMEnergy) -> DRAMEnergy {
        var s = a
        s.actPJ += b.actPJ; s.prePJ += b.prePJ; s.readPJ += b.readPJ; s.writePJ += b.writePJ
        s.refreshPJ += b.refreshPJ; s.backgroundPJ += b.backgroundPJ
        s.interfaceTerminationPJ += b.interfaceTerminationPJ; s.interfaceTogglePJ += b.interfaceTogglePJ
        s.activeCycles += b.activeCycles; s.prechargedCycles += b.prechargedCycles
        s.activePowerDownCycles += b.activePowerDownCycles; s.prechargePowerDownCycles += b.prechargePowerDownCycles
        s.selfRefreshCycles += b.selfRefreshCycles; s.prechargeCount += b.prechargeCount
        return s
    }
}
