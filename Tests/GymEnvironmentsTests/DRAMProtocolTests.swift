import Testing
@testable import GymEnvironments
import GymCore

/// A two-rank DDR4 channel with a short tREFI, so that short traces exercise
/// rank switches, refresh, postponing and pulling in (test-only variant).
private func busyDevice() throws -> MemSpec {
    var spec = try DRAMFixtures.ddr4
    spec.organisation.ranks = 2
    spec.timing.REFI = 1_200
    return spec
}

/// Requests with idle gaps (power-down), few rows (hits and conflicts) and 30% writes.
private func mixedTrace(count: Int, seed: UInt64, spec: MemSpec) -> [TraceRequest] {
    var rng = SplitMix64(seed: seed)
    let mapping = try! AddressMapping("row-rank-bank-column", organisation: spec.organisation)
    var cycle = 0
    return (0..<count).map { _ in
        let u = rng.nextUnit()
        cycle += u < 0.9 ? Int(rng.next() % 4) : u < 0.99 ? Int(rng.next() % 600) : 6_000
        let bursts = UInt64(spec.organisation.columns / spec.organisation.burstLength)
        let row = rng.next() % 4, rank = rng.next() % UInt64(spec.organisation.ranks)
        let bank = rng.next() % UInt64(spec.organisation.banks), col = rng.next() % bursts
        let index = ((row * UInt64(spec.organisation.ranks) + rank) * UInt64(spec.organisation.banks) + bank) * bursts + col
        _ = mapping
        return TraceRequest(cycle: cycle, isWrite: rng.nextUnit() < 0.3, address: index * UInt64(spec.organisation.burstBytes))
    }
}

/// Knob combinations in which every value of every knob appears (a cyclic
/// covering set), plus seeded random ones.
private func knobSample() -> [Configuration] {
    let space = DRAMEnvironment.space(.rl)
    var out: [Configuration] = []
    let longest = space.parameters.map(\.domain.levelCount).max()!
    for i in 0..<longest {
        out.append(space.configuration(indices: space.parameters.enumerated().map { k, p in (i + k) % p.domain.levelCount }))
    }
    var rng = SplitMix64(seed: 2026)
    for _ in 0..<16 { out.append(space.configuration(indices: space.levelCounts.map { Int(rng.next() % UInt64($0)) })) }
    return out
}

@Test func knobSampleCoversEveryValueOfEveryKnob() {
    let sample = knobSample(), space = DRAMEnvironment.space(.rl)
    for p in space.parameters {
        #expect(Set(sample.map { $0[p.name]! }).count == p.domain.levelCount, "\(p.name)")
    }
}

private func limits(_ c: ControllerConfiguration, _ spec: MemSpec) -> ProtocolChecker.RefreshLimits? {
    c.refreshPolicy.scheme.map {
        .init(command: $0.command, interval: $0.interval(spec), maxPostponed: c.refreshMaxPostponed, maxPulledin: c.refreshMaxPulledin)
    }
}

@Test func everyIssuedCommandObeysEveryTimingRuleAcrossKnobs() throws {
    let spec = try busyDevice()
    let trace = Trace(name: "mixed", requests: mixedTrace(count: 300, seed: 11, spec: spec))
    let env = try DRAMEnvironment(memSpec: spec, trace: trace, mapping: AddressMapping("row-rank-bank-column", organisation: spec.organisation), ranges: .rl)
    var commandKinds = Set<DRAMCommand>()
    for configuration in knobSample() {
        let config = env.controllerConfiguration(configuration)
        let result = try env.simulate(configuration)
        #expect(result.completed, "\(configuration)")
        let log = result.commands()
        commandKinds.formUnion(log.map(\.command))
        let violations = ProtocolChecker(spec: spec, refresh: limits(config, spec)).check(log)
        #expect(violations.isEmpty, "\(configuration): \(violations.prefix(3))")
        #expect(result.readLatencyCycles.allSatisfy { $0 > 0 })
    }
    // The sample really exercised every command the controller can issue.
    #expect(commandKinds == Set(DRAMCommand.allCases), "missing: \(Set(DRAMCommand.allCases).subtracting(commandKinds).map(\.mnemonic))")
}

@Test func ddr3RandomTraceObeysTimingUnderDefaultAndClosedPages() throws {
    let spec = try DRAMFixtures.ddr3
    let requests = TraceGenerator.random(count: 400, seed: 5, shape: .init(writeRatio: 0.4))
    for policy in ControllerConfiguration.PagePolicy.allCases {
        let r = try DRAMFixtures.run(requests, spec: spec) { $0.pagePolicy = policy; $0.scheduler = .frFcfsGrp }
        let v = ProtocolChecker(spec: spec).check(r.commands())
        #expect(v.isEmpty, "\(policy): \(v.prefix(3))")
    }
}

@Test func checkerCatchesAReadIssuedBeforeTRCD() throws {
    let spec = try DRAMFixtures.ddr4
    let ok = [IssuedCommand(cycle: 0, command: .act, rank: 0, bank: 1, row: 3),
              IssuedCommand(cycle: spec.timing.RCD, command: .rd, rank: 0, bank: 1, row: 3, column: 0)]
    #expect(ProtocolChecker(spec: spec).check(ok).isEmpty)
    var early = ok
    early[1].cycle = spec.timing.RCD - 1
    #expect(ProtocolChecker(spec: spec).check(early).count == 1)
    let wrongRow = [ok[0], IssuedCommand(cycle: 40, command: .rd, rank: 0, bank: 1, row: 4, column: 0)]
    #expect(!ProtocolChecker(spec: spec).check(wrongRow).isEmpty)
    let fiveActs = (0..<5).map { IssuedCommand(cycle: $0 * spec.timing.RRD_S, command: .act, rank: 0, bank: $0 * 4 % 16 + $0 / 4, row: 0) }
    #expect(ProtocolChecker(spec: spec).check(fiveActs).contains { $0.message.contains("tFAW") })
}
