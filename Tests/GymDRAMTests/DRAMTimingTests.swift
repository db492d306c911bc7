import Testing
import GymCore
@testable import GymDRAM

private func single(_ requests: [TraceRequest], _ spec: MemSpec, _ policy: ControllerConfiguration.PagePolicy) throws -> DRAMResult {
    try DRAMFixtures.run(requests, spec: spec) { $0.pagePolicy = policy; $0.refreshPolicy = .noRefresh }
}

@Test func actThenRead_waitsTRCD() throws {
    let spec = try DRAMFixtures.ddr4
    var state = TimingState(spec: spec)
    state.issue(.act, rank: 0, bank: 3, at: 100)
    #expect(state.earliest(.rd, rank: 0, bank: 3) == 100 + spec.timing.RCD)
    #expect(state.earliest(.pre, rank: 0, bank: 3) == 100 + spec.timing.RAS)
    #expect(state.earliest(.act, rank: 0, bank: 3) == 100 + spec.timing.RC)
    // Another bank of the same group waits tRRD_L, of another group tRRD_S.
    #expect(state.earliest(.act, rank: 0, bank: 2) == 100 + spec.timing.RRD_L)
    #expect(state.earliest(.act, rank: 0, bank: 7) == 100 + spec.timing.RRD_S)
}

@Test func fifthActivateWaitsTFAW() throws {
    let spec = try DRAMFixtures.ddr4
    var state = TimingState(spec: spec)
    for (i, bank) in [0, 4, 8, 12].enumerated() { state.issue(.act, rank: 0, bank: bank, at: 10 + i * spec.timing.RRD_S) }
    #expect(state.earliest(.act, rank: 0, bank: 1) == 10 + spec.timing.FAW)
}

@Test func readToIdleBankWithClosedPageCostsTRCDPlusCLPlusBurst() throws {
    for spec in [try DRAMFixtures.ddr4, try DRAMFixtures.ddr3] {
        let r = try single([TraceRequest(cycle: 0, isWrite: false, address: DRAMFixtures.address(bank: 1, row: 5, spec: spec))], spec, .closed)
        let t = spec.timing
        #expect(r.readLatencyCycles == [t.RCD + t.CL + spec.burstCycles])
        #expect(r.commands().map(\.command) == [.act, .rda])
    }
}

@Test func openRowHitCostsCLPlusBurst() throws {
    let spec = try DRAMFixtures.ddr4
    let a = DRAMFixtures.address(bank: 2, row: 7, column: 0, spec: spec)
    let b = DRAMFixtures.address(bank: 2, row: 7, column: 64, spec: spec)
    let r = try single([TraceRequest(cycle: 0, isWrite: false, address: a), TraceRequest(cycle: 200, isWrite: false, address: b)], spec, .open)
    #expect(r.readLatencyCycles[1] == spec.timing.CL + spec.burstCycles)
    #expect(r.metrics["row_hit_rate"] == 0.5)
}

@Test func rowConflictAddsTRPAndRespectsTRAS() throws {
    let spec = try DRAMFixtures.ddr4, t = spec.timing, burst = spec.burstCycles
    let first = TraceRequest(cycle: 0, isWrite: false, address: DRAMFixtures.address(bank: 2, row: 7, spec: spec))
    // Long after the first access: PRE, ACT, RD.
    let late = try single([first, TraceRequest(cycle: 200, isWrite: false, address: DRAMFixtures.address(bank: 2, row: 8, spec: spec))], spec, .open)
    #expect(late.readLatencyCycles[1] == t.RP + t.RCD + t.CL + burst)
    // Right behind it: the PRE must wait for tRAS after the first ACT.
    let early = try single([first, TraceRequest(cycle: 1, isWrite: false, address: DRAMFixtures.address(bank: 2, row: 8, spec: spec))], spec, .open)
    #expect(early.readLatencyCycles[1] == t.RAS + t.RP + t.RCD + t.CL + burst - 1)
    #expect(early.commands().map(\.command) == [.act, .rd, .pre, .act, .rd])
}
