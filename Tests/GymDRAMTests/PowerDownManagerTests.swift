import Testing
@testable import GymDRAM

// Tests of the power-down manager (`PowerDownManager`, `PowerDownRule`).

@Test func staggeredPowerDownSavesEnergyOnAnIdleTrace() throws {
    let spec = try DRAMFixtures.ddr4
    // Sparse requests: one every 2,000 cycles.
    let requests = (0..<20).map { TraceRequest(cycle: $0 * 2_000, isWrite: false, address: UInt64($0) * 8_192) }
    let awake = try DRAMFixtures.run(requests, spec: spec) { $0.powerDownPolicy = .noPowerDown }
    let staggered = try DRAMFixtures.run(requests, spec: spec) { $0.powerDownPolicy = .staggered }
    #expect(try #require(staggered.metrics["energy_pJ"]) < #require(awake.metrics["energy_pJ"]))
    #expect(staggered.energy.prechargePowerDownCycles + staggered.energy.activePowerDownCycles > 0)
    // Waking costs tXP: reads are slower.
    #expect(try #require(staggered.metrics["read_latency_avg_ns"]) > #require(awake.metrics["read_latency_avg_ns"]))
}
