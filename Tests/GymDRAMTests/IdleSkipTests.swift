import Testing
import GymCore
@testable import GymDRAM

/// Long idle stretches are simulated in O(1) (issue 20), with results equal
/// to stepping through them: same command log, latencies, energy and metrics.
struct IdleSkipTests {
    /// Bursts of mixed requests separated by idle gaps long enough to skip.
    static func burstyTrace(spec: MemSpec, gaps: [Int]) -> [TraceRequest] {
        var out: [TraceRequest] = []
        var offset = 0
        for (i, gap) in ([0] + gaps).enumerated() {
            offset += gap
            let burst = DRAMFixtures.mixedTrace(count: 40, seed: UInt64(31 + i), spec: spec)
            let start = offset
            out += burst.map { TraceRequest(cycle: start + $0.cycle, isWrite: $0.isWrite, address: $0.address) }
            offset = out.last!.cycle
        }
        return out
    }

    static func run(_ sim: DRAMSimulation, _ config: ControllerConfiguration, skipping: Bool) -> DRAMResult {
        var c = config
        c.skipsIdleStretches = skipping
        return sim.run(c)
    }

    @Test func skippingIdleStretches_givesTheSameResultsAsStepping_acrossKnobs() throws {
        let spec = try DRAMFixtures.busyDevice()   // 2 ranks, tREFI 1200
        let mapping = try AddressMapping("row-rank-bank-column", organisation: spec.organisation)
        let trace = Trace(name: "gaps", requests: IdleSkipTests.burstyTrace(spec: spec, gaps: [200_000, 500_001]))
        let env = try DRAMEnvironment(memSpec: spec, trace: trace, mapping: mapping, ranges: .rl)
        var skipped = 0
        for configuration in DRAMFixtures.knobSample(.rl, random: 8) {
            let config = env.controllerConfiguration(configuration)
            let stepped = IdleSkipTests.run(env.simulation, config, skipping: false)
            let skipping = IdleSkipTests.run(env.simulation, config, skipping: true)
            if skipping.channels.contains(where: { !$0.repeats.isEmpty }) { skipped += 1 }
            #expect(stepped.channels.allSatisfy { $0.repeats.isEmpty })
            #expect(skipping.commandLogText == stepped.commandLogText, "\(configuration)")
            #expect(skipping.commands() == stepped.commands())
            #expect(skipping.readLatencyCycles == stepped.readLatencyCycles)
            #expect(skipping.readControllerLatencyCycles == stepped.readControllerLatencyCycles)
            #expect(skipping.energy == stepped.energy, "\(configuration)")
            let a = skipping.metrics.values.map(\.value.bitPattern), b = stepped.metrics.values.map(\.value.bitPattern)
            #expect(a == b, "\(configuration)")
        }
        // Every configuration without power-down and with refresh has gaps to skip.
        #expect(skipped >= 4, "only \(skipped) configurations skipped anything")
    }

    @Test func aGapOfTenToTheTwelveCycles_isSimulatedWithoutLoggingEveryRefresh() throws {
        let spec = try DRAMFixtures.ddr4
        let mapping = try AddressMapping(AddressMapping.defaultOrder, organisation: spec.organisation)
        let gap = 1_000_000_000_000
        let trace = Trace(name: "gap", requests: [TraceRequest(cycle: 0, isWrite: false, address: 0),
                                                  TraceRequest(cycle: gap, isWrite: false, address: 64)])
        let sim = try DRAMSimulation(spec: spec, mapping: mapping, trace: trace)
        for policy in ControllerConfiguration.RefreshPolicy.allCases {
            var config = ControllerConfiguration()
            config.refreshPolicy = policy
            let result = sim.run(config)
            #expect(result.completed)
            #expect(result.endCycle > gap)
            // What is stored stays small whatever the gap.
            #expect(result.channels[0].commands.count < 2_000, "\(policy): \(result.channels[0].commands.count) commands stored")
            let refreshes = result.metrics.values.first { $0.name == "ref" }!.value
            guard let scheme = policy.scheme else { #expect(refreshes == 0); continue }
            // One refresh per interval, give or take the ones pulled in or postponed.
            let due = Double(gap / scheme.interval(spec))
            #expect(abs(refreshes - due) <= 2 * Double(config.refreshMaxPulledin + 1), "\(policy): \(refreshes) vs \(due)")
        }
    }
}
