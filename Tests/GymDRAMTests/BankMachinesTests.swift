import Testing
@testable import GymDRAM

// Tests of the bank machines' page policy (`BankMachines`, `PagePolicyRule`).

@Test func closedPagePrechargesEveryAccessAndAdaptivePoliciesSitBetween() throws {
    let spec = try DRAMFixtures.ddr3
    let requests = TraceGenerator.cloud(count: 800, seed: 3, meanRun: 16, randomFraction: 0.2, hotFraction: 0.3)
    func hits(_ p: ControllerConfiguration.PagePolicy) throws -> Double {
        try #require(try DRAMFixtures.run(requests, spec: spec) { $0.pagePolicy = p }.metrics["row_hit_rate"])
    }
    let closed = try DRAMFixtures.run(requests, spec: spec) { $0.pagePolicy = .closed }
    #expect(closed.commands().filter { $0.command == .rd }.isEmpty)
    #expect(try hits(.closed) <= hits(.closedAdaptive))
    #expect(try hits(.closedAdaptive) <= hits(.open) + 1e-9)
}
