import Foundation
import Testing
import GymCore
@testable import GymDRAM

@Test func stlParserReadsAbsoluteCyclesCommandsLengthsAndData() throws {
    let t = try Trace.parse("# comment\n0: read 0x40\n3:\twrite\t0x80\t0xdeadbeef\n7: read 64 0xc0\n", name: "t")
    #expect(t.requests == [TraceRequest(cycle: 0, isWrite: false, address: 0x40),
                           TraceRequest(cycle: 3, isWrite: true, address: 0x80),
                           TraceRequest(cycle: 7, isWrite: false, address: 0xC0)])
}

@Test func rstlParserAccumulatesRelativeCycles() throws {
    let t = try Trace.parse("2: read 0x0\n3: read 0x40\n0: write 0x80\n", name: "t", relative: true)
    #expect(t.requests.map(\.cycle) == [2, 5, 5])
}

@Test func traceErrorsNameFileAndLine() {
    #expect(throws: SpecError(file: "x.stl", key: "line 2", "command 'fetch' is not read or write")) {
        try Trace.parse("0: read 0x0\n1: fetch 0x40\n", name: "t", file: "x.stl")
    }
    #expect(throws: SpecError.self) { try Trace.parse("5: read 0x0\n1: read 0x40\n", name: "t") }
    #expect(throws: SpecError.self) { try Trace.parse("0: read zz\n", name: "t") }
    #expect(throws: SpecError.self) { try Trace.parse("no colon\n", name: "t") }
}

@Test func generatorsAreSeededAndAligned() {
    let a = TraceGenerator.random(count: 500, seed: 9), b = TraceGenerator.random(count: 500, seed: 9)
    #expect(a == b)
    #expect(a != TraceGenerator.random(count: 500, seed: 10))
    let shape = TraceGenerator.Shape(writeRatio: 0.3)
    let mixed = TraceGenerator.random(count: 2000, seed: 1, shape: shape)
    let writes = Double(mixed.filter(\.isWrite).count) / 2000
    #expect(abs(writes - 0.3) < 0.05)
    let strided = TraceGenerator.strided(count: 10, stride: 4096, seed: 3)
    #expect(zip(strided, strided.dropFirst()).allSatisfy { ($1.address &- $0.address) % (1 << 30) == 4096 })
    for r in TraceGenerator.cloud(count: 1000, seed: 5, meanRun: 8, randomFraction: 0.2, hotFraction: 0.3) {
        #expect(r.address % 64 == 0 && r.address < 1 << 30)
    }
}

/// The shipped traces are exactly what the generators produce with the
/// documented seeds (set DSEGYM_WRITE_TRACES=1 to rewrite them).
@Test func shippedTracesMatchTheirSeededGenerators() throws {
    for name in Trace.shippedNames {
        let expected = DRAMFixtures.shippedTrace(name)
        let path = DRAMFixtures.environments + "/traces/\(name).stl"
        if ProcessInfo.processInfo.environment["DSEGYM_WRITE_TRACES"] == "1" {
            try Trace.format(expected).write(toFile: path, atomically: true, encoding: .utf8)
        }
        let shipped = try Trace.load(name, relativeTo: DRAMFixtures.environments)
        #expect(shipped.requests == expected, "trace \(name)")
        #expect(shipped.requests.count == 10_000)
        #expect(shipped.requests.enumerated().allSatisfy { $0.offset == $0.element.cycle })
    }
}
