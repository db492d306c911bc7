import Testing
@testable import GymDRAM

// Tests of the response queue (`ResponseQueue`, `ResponseQueueRule`).

@Test func reorderResponseQueueReturnsResponsesInRequestOrder() throws {
    let spec = try DRAMFixtures.ddr4
    let requests = TraceGenerator.random(count: 300, seed: 3)
    let r = try DRAMFixtures.run(requests, spec: spec) { $0.responseQueue = .reorder }
    let releases = zip(r.channels[0].latencies, r.requests[0]).map { $0 + $1.arrival }
    #expect(zip(releases, releases.dropFirst()).allSatisfy { $0 <= $1 })
    let fifo = try DRAMFixtures.run(requests, spec: spec) { $0.responseQueue = .fifo }
    let fifoReleases = zip(fifo.channels[0].latencies, fifo.requests[0]).map { $0 + $1.arrival }
    #expect(!zip(fifoReleases, fifoReleases.dropFirst()).allSatisfy { $0 <= $1 })
}
