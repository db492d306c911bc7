import Testing
@testable import GymDRAM

// Tests of the arbiter (`RequestArbiter`, `ArbiterRule`).

@Test func maxActiveTransactionsCapsOutstandingRequestsOfQueueingArbiters() throws {
    let spec = try DRAMFixtures.ddr4
    let requests = TraceGenerator.random(count: 200, seed: 4)
    let one = try DRAMFixtures.run(requests, spec: spec) { $0.arbiter = .fifo; $0.maxActiveTransactions = 1 }
    // With one transaction in flight, each request starts after the previous response.
    let issued = one.commands().filter(\.command.isColumn).map(\.cycle)
    #expect(zip(issued, issued.dropFirst()).allSatisfy { $1 - $0 > spec.timing.CL })
    let many = try DRAMFixtures.run(requests, spec: spec) { $0.arbiter = .fifo; $0.maxActiveTransactions = 128 }
    #expect(many.endCycle < one.endCycle)
    // The Simple arbiter ignores the cap (as in DRAMSys).
    let simple1 = try DRAMFixtures.run(requests, spec: spec) { $0.arbiter = .simple; $0.maxActiveTransactions = 1 }
    let simple128 = try DRAMFixtures.run(requests, spec: spec) { $0.arbiter = .simple; $0.maxActiveTransactions = 128 }
    #expect(simple1.endCycle == simple128.endCycle)
}
