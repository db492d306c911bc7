import Testing
@testable import GymDRAM

// Tests of the refresh manager and its schemes (`RefreshManager`, `RefreshScheme`).

@Test func noRefreshIsNeverSlowerThanAllBank() throws {
    var spec = try DRAMFixtures.ddr4
    spec.timing.REFI = 1_500
    for (seed, requests) in [(1, TraceGenerator.stream(count: 1_000, seed: 1)), (2, TraceGenerator.random(count: 800, seed: 2))] {
        for policy in [ControllerConfiguration.PagePolicy.open, .closed] {
            let none = try DRAMFixtures.run(requests, spec: spec) { $0.refreshPolicy = .noRefresh; $0.pagePolicy = policy }
            let all = try DRAMFixtures.run(requests, spec: spec) { $0.refreshPolicy = .allBank; $0.refreshMaxPostponed = 1; $0.pagePolicy = policy }
            #expect(none.endCycle <= all.endCycle, "seed \(seed) \(policy)")
            #expect(none.commands().allSatisfy { !$0.command.isRefresh })
            #expect(all.commands().contains { $0.command == .refab })
        }
    }
}

@Test func perBankRefreshRefreshesEveryBankInTurnWhileOthersWork() throws {
    var spec = try DRAMFixtures.ddr4
    spec.timing.REFI = 1_600   // shortened so that a short trace sees many refreshes
    let requests = TraceGenerator.random(count: 1_500, seed: 9)
    let r = try DRAMFixtures.run(requests, spec: spec) { $0.refreshPolicy = .perBank; $0.refreshMaxPostponed = 1; $0.refreshMaxPulledin = 1 }
    let refreshed = r.commands().filter { $0.command == .refpb }.map(\.bank)
    #expect(refreshed.count >= spec.organisation.banks)
    #expect(Array(refreshed.prefix(spec.organisation.banks)) == Array(0..<spec.organisation.banks))
    #expect(r.commands().allSatisfy { $0.command != .refab })
    let limits = ProtocolChecker.RefreshLimits(command: .refpb, interval: PerBankRefresh().interval(spec), maxPostponed: 1, maxPulledin: 1)
    #expect(ProtocolChecker(spec: spec, refresh: limits).check(r.commands()).isEmpty)
}
