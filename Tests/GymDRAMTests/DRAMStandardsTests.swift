import Foundation
import Testing
import GymCore
@testable import GymDRAM

/// The standards beyond DDR4 (docs/references.md §8): shipped memspecs,
/// closed-form latencies, peak streaming, refresh per standard, and the
/// protocol checker against the controller on every one of them.
enum Standards {
    static let names = ["ddr5-4800-x8-16gb", "ddr5-3200-x8-16gb", "lpddr5-6400-x16-16gb", "hbm3-6400", "lpddr4-3200-x16-8gb", "hbm2"]

    static func spec(_ name: String) throws -> MemSpec { try DRAMFixtures.memSpec(name) }

    /// Byte address of (rank, bank, row, column) on channel 0 under the
    /// default mapping row-bank-rank-column-channel.
    static func address(rank: Int = 0, bank: Int, row: Int, column: Int = 0, spec: MemSpec) -> UInt64 {
        let o = spec.organisation
        var v = UInt64(row) * UInt64(o.banks) + UInt64(bank)
        v = v * UInt64(o.ranks) + UInt64(rank)
        v = v * UInt64(o.columns / o.burstLength) + UInt64(column / o.burstLength)
        return v * UInt64(o.channels) * UInt64(o.burstBytes)
    }

    static func read(_ cycle: Int, bank: Int, row: Int, column: Int = 0, rank: Int = 0, _ spec: MemSpec) -> TraceRequest {
        TraceRequest(cycle: cycle, isWrite: false, address: address(rank: rank, bank: bank, row: row, column: column, spec: spec))
    }

    /// A device with two ranks (stack IDs) and refresh due every `interval`
    /// cycles, its per-bank and same-bank intervals scaled with it, so short
    /// traces exercise rank switches and every refresh kind.
    static func busy(_ name: String, interval: Int = 1_600) throws -> MemSpec {
        var spec = try Standards.spec(name)
        let o = spec.organisation
        spec.organisation.ranks = 2
        spec.timing.REFI = max(interval, 2 * spec.timing.RFC)
        spec.timing.REFIpb = max(spec.timing.RFCpb + 1, spec.timing.REFI / o.banks)
        spec.timing.REFIsb = max(spec.timing.RFCsb + 1, spec.timing.REFI / o.banksPerGroup)
        return spec
    }

    /// Knob combinations in which every value of every knob of the
    /// standard's space appears, plus seeded random ones.
    static func knobSample(_ standard: DRAMStandard, random: Int = 8, seed: UInt64 = 2027) -> [Configuration] {
        let space = DRAMEnvironment.space(.rl, standard: standard)
        let longest = space.parameters.map(\.domain.levelCount).max()!
        var out = (0..<longest).map { i in
            space.configuration(indices: space.parameters.enumerated().map { k, p in (i + k) % p.domain.levelCount })
        }
        var rng = SplitMix64(seed: seed)
        for _ in 0..<random { out.append(space.configuration(indices: space.levelCounts.map { Int(rng.next() % UInt64($0)) })) }
        return out
    }

    static func limits(_ c: ControllerConfiguration, _ spec: MemSpec) -> ProtocolChecker.RefreshLimits? {
        c.refreshPolicy.scheme.map {
            .init(command: $0.command, interval: $0.interval(spec), maxPostponed: c.refreshMaxPostponed, maxPulledin: c.refreshMaxPulledin)
        }
    }
}

@Test(arguments: Standards.names)
func shippedMemspec_loadsAsItsStandard(_ name: String) throws {
    let spec = try Standards.spec(name)
    let expected: DRAMStandard = name.hasPrefix("ddr5") ? .ddr5 : name.hasPrefix("lpddr5") ? .lpddr5
        : name.hasPrefix("lpddr4") ? .lpddr4 : name.hasPrefix("hbm3") ? .hbm3 : .hbm2
    #expect(spec.standard == expected)
    #expect(MemSpec.shippedNames.contains(name))
    #expect(spec.timing.RC >= spec.timing.RAS + spec.timing.RP)
    // Every memspec explains its choices.
    #expect(spec.sourceText.contains("\"description\""))
}

@Test func ddr5Memspec_givesTheRulesOfSection8() throws {
    let t = try Standards.spec("ddr5-4800-x8-16gb").timing
    #expect((t.PPD, t.writeCCD_L, t.CCD_L, t.RFC, t.RFCsb, t.REFI) == (2, 48, 12, 710, 312, 9375))
    let s = try Standards.spec("ddr5-4800-x8-16gb")
    #expect(s.organisation.busBytes == 4 && s.burstCycles == 8 && s.organisation.bankGroups == 8 && s.organisation.channels == 2)
    let h = try Standards.spec("hbm3-6400").timing
    #expect((h.RCD, h.writeRCD, h.CCDR, h.refreshToRefresh) == (31, 15, 3, 13))
    let l = try Standards.spec("lpddr5-6400-x16-16gb")
    #expect((l.timing.RP, l.timing.allBankRP, l.timing.AAD, l.burstCycles) == (15, 17, 8, 2))
}

@Test func fineGranularityRefresh_usesTRFC2AndHalfTREFI() throws {
    let normal = try Standards.spec("ddr5-4800-x8-16gb")
    let text = normal.sourceText.replacingOccurrences(of: "\"memoryType\": \"DDR5\"", with: "\"memoryType\": \"DDR5\", \"refreshMode\": \"FGR\"")
    let fine = try MemSpec.parse(text)
    #expect(fine.timing.RFC == 384 && fine.timing.REFI == 9375 / 2)
    let lp = try Standards.spec("lpddr5-6400-x16-16gb").sourceText
        .replacingOccurrences(of: "\"memoryType\": \"LPDDR5\"", with: "\"memoryType\": \"LPDDR5\", \"refreshMode\": \"FGR\"")
    #expect(throws: SpecError.self) { try MemSpec.parse(lp) }
}

@Test func memoryTypeNotFittingTheBursts_isRejectedInOneLine() throws {
    let text = try Standards.spec("hbm3-6400").sourceText.replacingOccurrences(of: "\"HBM3\"", with: "\"DDR5\"")
    do {
        _ = try MemSpec.parse(text, file: "m.json")
        Issue.record("accepted")
    } catch let e as SpecError {
        #expect(e.description.contains("DDR5 bursts are 16 or 32 long") && e.description.contains("HBM3"), "\(e)")
        #expect(!e.description.contains("\n"))
    }
}

// MARK: Refresh policies per standard

@Test func refreshPolicyTheStandardLacks_isRejectedNamingIt() throws {
    let cases: [(String, ControllerConfiguration.RefreshPolicy)] = [
        ("ddr5-4800-x8-16gb", .perBank), ("lpddr5-6400-x16-16gb", .sameBank), ("hbm3-6400", .sameBank), ("lpddr4-3200-x16-8gb", .sameBank)]
    for (name, policy) in cases {
        let spec = try Standards.spec(name)
        let sim = try DRAMSimulation(spec: spec, mapping: AddressMapping(AddressMapping.defaultOrder, organisation: spec.organisation),
                                     trace: Trace(name: "t", requests: [Standards.read(0, bank: 0, row: 0, spec)]))
        var config = ControllerConfiguration()
        config.refreshPolicy = policy
        #expect(throws: SpecError.self) { try sim.check(config) }
        let result = sim.run(config)
        #expect(!result.metrics.feasible)
        do { try sim.check(config) } catch let e as SpecError {
            #expect(e.description.contains(spec.memoryType) && e.description.contains("RefreshPolicy") && !e.description.contains("\n"), "\(e)")
        }
        // The environment's space offers only what the standard has, under ArchGym's knob name.
        let env = try DRAMEnvironment(memSpec: spec, trace: Trace(name: "t", requests: [Standards.read(0, bank: 0, row: 0, spec)]),
                                      mapping: AddressMapping(AddressMapping.defaultOrder, organisation: spec.organisation))
        let refresh = try #require(env.designSpace.parameters.first { $0.name == "RefreshPolicy" })
        #expect(refresh.domain.levelCount == 3)
        let c = env.designSpace.defaultConfiguration.setting("RefreshPolicy", to: .text(policy.rawValue))
        #expect(throws: (any Error).self) { try env.evaluate(c) }
    }
    // DDR3 and DDR4 keep all four.
    #expect(DRAMEnvironment.space(.ga, standard: .ddr4).parameters.first { $0.name == "RefreshPolicy" }?.domain.levelCount == 4)
}

@Test func perBankRefresh_blocksOnlyTheRefreshedBank() throws {
    for name in ["lpddr5-6400-x16-16gb", "hbm3-6400", "lpddr4-3200-x16-8gb"] {
        let spec = try Standards.spec(name), t = spec.timing
        var state = TimingState(spec: spec)
        state.issue(.refpb, rank: 0, bank: 3, at: 1_000)
        #expect(state.earliest(.act, rank: 0, bank: 3) == 1_000 + t.RFCpb)
        let other = state.earliest(.act, rank: 0, bank: 5)
        #expect(other == 1_000 + max(t.refreshToACT, spec.standard.commandCycles(.refpb)), "\(name)")
        #expect(other < 1_000 + t.RFCpb)
        // In a run: commands reach other banks while one bank refreshes.
        var requests: [TraceRequest] = []
        for i in 0..<600 { requests.append(Standards.read(i * 4, bank: i % spec.organisation.banks, row: i / 64, column: 0, spec)) }
        let busy = try Standards.busy(name)
        let r = try DRAMFixtures.run(requests, spec: busy) { $0.refreshPolicy = .perBank }
        let log = r.commands()
        let refreshes = log.filter { $0.command == .refpb }
        #expect(!refreshes.isEmpty)
        var overlapped = 0
        for f in refreshes {
            let during = log.filter { $0.cycle > f.cycle && $0.cycle < f.cycle + busy.timing.RFCpb && $0.rank == f.rank }
            #expect(!during.contains { $0.command.isBankCommand && $0.command != .refpb && $0.bank == f.bank }, "\(name): bank \(f.bank) used while refreshing")
            if during.contains(where: { $0.command == .act || $0.command.isColumn }) { overlapped += 1 }
        }
        #expect(overlapped > 0, "\(name): no other bank worked during a per-bank refresh")
        #expect(ProtocolChecker(spec: busy).check(log).isEmpty)
    }
}

@Test func sameBankRefresh_closesTheBankInEveryGroup() throws {
    let spec = try Standards.spec("ddr5-4800-x8-16gb")
    let open = [IssuedCommand(cycle: 0, command: .act, rank: 0, bank: 4 * 3 + 1, row: 2),   // group 3, bank 1
                IssuedCommand(cycle: 400, command: .refsb, rank: 0, bank: 1)]
    #expect(ProtocolChecker(spec: spec).check(open).contains { $0.message.contains("refresh with bank 13 open") })
    let other = [IssuedCommand(cycle: 0, command: .act, rank: 0, bank: 4 * 3 + 2, row: 2), IssuedCommand(cycle: 400, command: .refsb, rank: 0, bank: 1)]
    #expect(ProtocolChecker(spec: spec).check(other).isEmpty)
}

// MARK: Closed forms (as Ramulator 2 validates, §8)

@Test(arguments: Standards.names)
func closedFormLatencies(_ name: String) throws {
    let spec = try Standards.spec(name), t = spec.timing, b = spec.burstCycles
    func run(_ r: [TraceRequest], _ policy: ControllerConfiguration.PagePolicy) throws -> DRAMResult {
        try DRAMFixtures.run(r, spec: spec) { $0.pagePolicy = policy; $0.refreshPolicy = .noRefresh }
    }
    // Idle read, closed page: tRCD (HBM: tRCDRD) + CL + burst.
    let idle = try run([Standards.read(0, bank: 1, row: 5, spec)], .closed)
    #expect(idle.readLatencyCycles == [t.RCD + t.CL + b], "\(name)")
    #expect(idle.commands().map(\.command) == [.act, .rda])
    // Idle write: the WR waits tRCD (HBM: tRCDWR).
    let write = try run([TraceRequest(cycle: 0, isWrite: true, address: Standards.address(bank: 1, row: 5, spec: spec))], .closed)
    #expect(write.commands().map(\.cycle) == [0, t.writeRCD], "\(name)")
    // Open-row hit: CL + burst.
    let hit = try run([Standards.read(0, bank: 2, row: 7, spec), Standards.read(400, bank: 2, row: 7, column: 2 * spec.organisation.burstLength, spec)], .open)
    #expect(hit.readLatencyCycles[1] == t.CL + b, "\(name)")
    // Row conflict: tRP more than a closed bank.
    let conflict = try run([Standards.read(0, bank: 2, row: 7, spec), Standards.read(400, bank: 2, row: 8, spec)], .open)
    #expect(conflict.readLatencyCycles[1] == t.RP + t.RCD + t.CL + b, "\(name)")
    #expect(conflict.commands().map(\.command) == [.act, .rd, .pre, .act, .rd])
}

@Test(arguments: Standards.names)
func streamReachesNinetyPercentOfPeak_withBankGroupInterleaving(_ name: String) throws {
    let spec = try Standards.spec(name)
    let shape = TraceGenerator.Shape(capacityBytes: UInt64(min(spec.organisation.capacityBytes, 1 << 30)), burstBytes: UInt64(spec.organisation.burstBytes))
    // Four requests a cycle: more than any device's peak, so the controller is never starved.
    let requests = TraceGenerator.stream(count: 8_000, seed: 1, shape: shape).map { TraceRequest(cycle: $0.cycle / 4, isWrite: false, address: $0.address) }
    // Consecutive bursts alternate channels, then bank groups (tCCD_S apart).
    let mapping = "rank-row-bank-column-bankgroup-channel"
    func share(_ policy: ControllerConfiguration.RefreshPolicy, postponed: Int) throws -> Double {
        let r = try DRAMFixtures.run(requests, spec: spec, mapping: mapping) {
            $0.refreshPolicy = policy; $0.refreshMaxPostponed = postponed; $0.refreshMaxPulledin = postponed
        }
        #expect(ProtocolChecker(spec: spec).check(r.commands()).isEmpty)
        return r.metrics["bandwidth_of_peak_pct"] ?? 0
    }
    let bare = try share(.noRefresh, postponed: 1)
    #expect(bare >= 98, "\(name): \(bare)% of peak without refresh")
    // All-bank refresh forced on time (one postponed at most) costs about tRFC / tREFI.
    let allBank = try share(.allBank, postponed: 1)
    #expect(allBank >= 90, "\(name): \(allBank)% of peak with all-bank refresh")
    #expect(allBank < bare || spec.standard.isHBM, "\(name): refresh cost nothing")
    // The standard's bank refresh, at the default postponing. HBM3's REFpb holds
    // a bank 320 of every 390 cycles of a stack ID (tRFCpb / tREFIpb, §8): one is
    // nearly always in flight and the stream runs into it (measured 85%).
    let own: ControllerConfiguration.RefreshPolicy = spec.standard == .ddr5 ? .sameBank : .perBank
    let bankRefresh = try share(own, postponed: 8)
    #expect(bankRefresh >= (spec.standard == .hbm3 ? 80 : 90), "\(name): \(bankRefresh)% of peak with \(own.rawValue) refresh")
}

// MARK: The protocol checker on every standard

@Test(arguments: Standards.names)
func everyCommandObeysEveryRule_acrossTheKnobSample(_ name: String) throws {
    let spec = try Standards.busy(name)
    let trace = Trace(name: "mixed", requests: DRAMFixtures.mixedTrace(count: 300, seed: 12, spec: spec))
    let mapping = try AddressMapping(spec.organisation.channels > 1 ? "row-rank-bank-column-channel" : "row-rank-bank-column", organisation: spec.organisation)
    let env = try DRAMEnvironment(memSpec: spec, trace: trace, mapping: mapping, ranges: .rl)
    var kinds = Set<DRAMCommand>()
    for configuration in Standards.knobSample(spec.standard) {
        let config = env.controllerConfiguration(configuration)
        let result = try env.simulate(configuration)
        #expect(result.completed, "\(name) \(configuration)")
        for ch in 0..<spec.organisation.channels {
            let log = result.commands(channel: ch)
            kinds.formUnion(log.map(\.command))
            let v = ProtocolChecker(spec: spec, refresh: Standards.limits(config, spec)).check(log)
            #expect(v.isEmpty, "\(name) \(configuration): \(v.prefix(3))")
        }
        let m = result.metrics
        #expect((m["interface_energy_pJ"] ?? 0) > 0 && (m["energy_pJ"] ?? 0) > 0, "\(name) \(configuration): \(m)")
    }
    let refreshKind: DRAMCommand = spec.standard == .ddr5 ? .refsb : .refpb
    let absent: DRAMCommand = spec.standard == .ddr5 ? .refpb : .refsb
    #expect(kinds.isSuperset(of: [.act, .pre, .prea, .rd, .rda, .wr, .wra, .refab, refreshKind, .pdea, .pdep, .srefen]), "\(name): \(kinds.map(\.mnemonic))")
    #expect(!kinds.contains(absent))
}

/// Every rule of the timing table, probed as Ramulator 2 does: the
/// controller's checker says not ready at bound − 1 and ready at the bound,
/// and the independent protocol checker agrees on the bound.
@Test(arguments: Standards.names)
func everyTimingIsNotReadyAtBoundMinusOne_andReadyAtTheBound(_ name: String) throws {
    var spec = try Standards.spec(name)
    spec.organisation.ranks = 2
    let checker = ProtocolChecker(spec: spec), o = spec.organisation, standard = spec.standard
    var probed = 0
    func bank(_ c: DRAMCommand, _ b: Int) -> Int { c.isBankCommand || c == .refsb ? b : -1 }
    for p in DRAMCommand.allCases {
        for n in DRAMCommand.allCases {
            for relation in ProtocolChecker.Relation.allCases {
                let pc = IssuedCommand(cycle: 1_000, command: p, rank: 0, bank: bank(p, 0))
                let target = relation == .sameBank ? 0 : relation == .sameGroup ? 1 : o.banksPerGroup
                guard target < o.banks else { continue }
                let nc = IssuedCommand(cycle: 0, command: n, rank: relation == .otherRank ? 1 : 0,
                                       bank: bank(n, n == .refsb ? target % o.banksPerGroup : target))
                // Skip pairs whose bank sets do not stand in this relation.
                let pm = checker.banks(of: pc), nm = checker.banks(of: nc)
                let actual: ProtocolChecker.Relation = nc.rank != 0 ? .otherRank : pm & nm != 0 ? .sameBank
                    : checker.groups(of: pm) & checker.groups(of: nm) != 0 ? .sameGroup : .sameRank
                guard actual == relation else { continue }
                let sameBus = standard.commandBus(p) == standard.commandBus(n)
                let bound = max(checker.gaps[p.rawValue][n.rawValue][relation.rawValue], sameBus ? standard.commandCycles(p) : 0)
                guard bound > 1 else { continue }
                var state = TimingState(spec: spec)
                state.issue(p, rank: 0, bank: pc.bank, at: 1_000)
                let earliest = state.earliest(n, rank: nc.rank, bank: nc.bank)
                #expect(earliest == 1_000 + bound, "\(name): \(p.mnemonic)→\(n.mnemonic) \(relation): controller \(earliest - 1_000), checker \(bound)")
                // The checker: a violation at bound − 1, none at the bound.
                var late = nc, early = nc
                late.cycle = 1_000 + bound
                early.cycle = 1_000 + bound - 1
                let timing = { (log: [IssuedCommand]) in checker.check(log).filter { $0.message.contains("cycles after") || $0.message.contains("command bus") } }
                #expect(timing([pc, late]).isEmpty, "\(name): \(p.mnemonic)→\(n.mnemonic) \(relation) at the bound")
                #expect(!timing([pc, early]).isEmpty, "\(name): \(p.mnemonic)→\(n.mnemonic) \(relation) at bound − 1")
                probed += 1
            }
        }
    }
    #expect(probed > 150, "\(name): \(probed)")
}

// MARK: Loosened rules are caught

/// Runs the controller on `loosened` and checks its log against the real rules of `strict`.
private func violations(strict: MemSpec, loosened: MemSpec, _ requests: [TraceRequest], mapping: String = AddressMapping.defaultOrder,
                        _ configure: (inout ControllerConfiguration) -> Void = { _ in }) throws -> (strict: Int, loosened: [ProtocolChecker.Violation]) {
    let good = try DRAMFixtures.run(requests, spec: strict, mapping: mapping, configure)
    let bad = try DRAMFixtures.run(requests, spec: loosened, mapping: mapping, configure)
    let checker = ProtocolChecker(spec: strict)
    return (checker.check(good.commands()).count, checker.check(bad.commands()))
}

@Test func checkerCatchesALoosenedTPPD() throws {
    let spec = try Standards.spec("ddr5-4800-x8-16gb")
    var loose = spec
    loose.timing.PPD = 0
    let requests = TraceGenerator.random(count: 2_000, seed: 9, shape: .init(capacityBytes: 1 << 30, burstBytes: 64))
    let (good, bad) = try violations(strict: spec, loosened: loose, requests) { $0.refreshPolicy = .noRefresh }
    #expect(good == 0)
    #expect(bad.contains { $0.command.command == .pre && $0.message.contains("after PRE") }, "\(bad.prefix(3))")
}

@Test func checkerCatchesALoosenedTCCD_L_WR() throws {
    let spec = try Standards.spec("ddr5-3200-x8-16gb")
    var loose = spec
    loose.timing.CCD_L_WR = 0   // back to tCCD_L
    let requests = (0..<400).map { TraceRequest(cycle: $0, isWrite: true, address: UInt64($0) * 64 * 2) }
    let (good, bad) = try violations(strict: spec, loosened: loose, requests, mapping: "row-bank-rank-column-channel") { $0.refreshPolicy = .noRefresh }
    #expect(good == 0)
    #expect(bad.contains { $0.command.command.isWrite && $0.message.contains("needs \(spec.timing.writeCCD_L)") }, "\(bad.prefix(3))")
}

@Test func checkerCatchesALoosenedTRREFD() throws {
    for (name, policy) in [("hbm3-6400", ControllerConfiguration.RefreshPolicy.perBank), ("lpddr5-6400-x16-16gb", .perBank), ("ddr5-4800-x8-16gb", .sameBank)] {
        let spec = try Standards.spec(name)
        var loose = spec
        loose.timing.RREFD = 1
        loose.timing.RREFDtoACT = 1
        // A long idle gap: refreshes are pulled in back to back.
        let requests = [Standards.read(0, bank: 0, row: 0, spec), Standards.read(40 * spec.timing.REFI, bank: 1, row: 0, spec)]
        let (good, bad) = try violations(strict: spec, loosened: loose, requests) { $0.refreshPolicy = policy }
        #expect(good == 0, "\(name)")
        #expect(bad.contains { $0.command.command.isRefresh && $0.message.contains("needs \(spec.timing.refreshToRefresh)") }, "\(name): \(bad.prefix(3))")
    }
}

@Test func checkerCatchesCommandsOverlappingAMultiCycleCommand() throws {
    let spec = try Standards.spec("lpddr4-3200-x16-8gb")
    let log = [IssuedCommand(cycle: 0, command: .act, rank: 0, bank: 0, row: 1), IssuedCommand(cycle: 3, command: .pre, rank: 0, bank: 5)]
    #expect(ProtocolChecker(spec: spec).check(log).contains { $0.message.contains("command bus") })
    let hbm = try Standards.spec("hbm3-6400")
    // HBM: a column command may follow an ACT on the other bus at once.
    let split = [IssuedCommand(cycle: 0, command: .act, rank: 0, bank: 0, row: 1), IssuedCommand(cycle: 1, command: .rd, rank: 0, bank: 6, row: 1, column: 0),
                 IssuedCommand(cycle: 2, command: .act, rank: 0, bank: 9, row: 1)]
    #expect(!ProtocolChecker(spec: hbm).check(split).contains { $0.message.contains("command bus") })
}

// MARK: Energy

@Test func ddr5Energy_addsVPPAndReportsTheInterfaceApart() throws {
    let spec = try Standards.spec("ddr5-4800-x8-16gb")
    let requests = TraceGenerator.random(count: 500, seed: 4, shape: .init(capacityBytes: 1 << 30, burstBytes: 64, writeRatio: 0.3))
    let r = try DRAMFixtures.run(requests, spec: spec)
    let e = r.energy
    var noVPP = spec
    noVPP.power.vpp = 0
    let core = try DRAMFixtures.run(requests, spec: noVPP).energy
    // VPP adds IPP × VPP on top of the VDD terms; refresh draws IPP5B 48 mA.
    #expect(e.totalPJ > core.totalPJ)
    #expect(e.refreshPJ - core.refreshPJ > 0)
    let m = r.metrics
    #expect(m["energy_pJ"] == e.totalPJ)
    #expect(m["interface_energy_pJ"] == e.interfacePJ && e.interfaceTerminationPJ > 0 && e.interfaceTogglePJ > 0)
    // Closed form of the termination term: every burst holds half its DQ bits and DQS beats at zero.
    let o = spec.organisation, bursts = Double(requests.count)
    let zeroBits = bursts * (Double(o.width * o.devicesPerRank) * 16 / 2 + 2 * 4 * 16 / 2)
    let expected = zeroBits * spec.timing.tCKns / 2 * 1.1 * 1.1 / 48 * 1000
    #expect(abs(e.interfaceTerminationPJ - expected) < 1e-6 * expected)
    // DDR4 reports no interface metric (its metrics are unchanged).
    let ddr4 = try DRAMFixtures.run(requests, spec: try DRAMFixtures.ddr4)
    #expect(ddr4.metrics["interface_energy_pJ"] == nil && ddr4.energy.interfacePJ == 0)
}
