import Testing
import GymCore
@testable import GymDRAM

@Test func knobSampleCoversEveryValueOfEveryKnob() {
    let sample = DRAMFixtures.knobSample(), space = DRAMEnvironment.space(.rl)
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
    let spec = try DRAMFixtures.busyDevice()
    let trace = Trace(name: "mixed", requests: DRAMFixtures.mixedTrace(count: 300, seed: 11, spec: spec))
    let env = try DRAMEnvironment(memSpec: spec, trace: trace, mapping: AddressMapping("row-rank-bank-column", organisation: spec.organisation), ranges: .rl)
    var commandKinds = Set<DRAMCommand>()
    for configuration in DRAMFixtures.knobSample() {
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
