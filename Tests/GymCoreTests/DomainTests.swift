import Testing
@testable import GymCore

struct DomainTests {
    static let domains: [Domain] = [
        .categorical(["Open", "Closed", "OpenAdaptive"]),
        .integer(1...9, step: 2),
        .ordinal([1, 2, 4, 8, 16]),
        .real(0.5...8, log: true),
        .real(-5...10, log: false),
    ]

    @Test func everyLevel_roundTripsThroughIndexAndUnit() {
        for d in Self.domains where d.isDiscrete {
            for i in 0..<d.levelCount {
                let v = d.value(at: i)
                #expect(d.index(of: v) == i)
                #expect(d.value(atUnit: d.unit(of: v)) == v)
                #expect(d.contains(v))
            }
        }
    }

    @Test func realDomain_unitEncodingIsInverse_onLogScale() {
        let d = Domain.real(0.5...8, log: true)
        #expect(d.unit(of: .real(2)) == 0.5)
        #expect(d.value(atUnit: 0.5).number! == 2.0000000000000004 || d.value(atUnit: 0.5).number! == 2)
        #expect(d.value(atUnit: 0) == .real(0.5))
        #expect(d.value(atUnit: 1) == .real(8))
    }

    @Test func parse_acceptsOnlyValuesInTheDomain() {
        #expect(Domain.integer(1...9, step: 2).parse("5") == .int(5))
        #expect(Domain.integer(1...9, step: 2).parse("4") == nil)
        #expect(Domain.integer(1...9, step: 2).parse("11") == nil)
        #expect(Domain.ordinal([1, 2, 4]).parse("4") == .real(4))
        #expect(Domain.ordinal([1, 2, 4]).parse("3") == nil)
        #expect(Domain.categorical(["Open"]).parse("Closed") == nil)
        #expect(Domain.real(0...1, log: false).parse("1.5") == nil)
        #expect(Domain.real(0...1, log: false).parse("abc") == nil)
    }

    @Test func sampling_staysInsideTheDomain_andIsSeeded() {
        for d in Self.domains {
            var a = SplitMix64(seed: 3), b = SplitMix64(seed: 3)
            for _ in 0..<200 {
                let v = d.sample(using: &a)
                #expect(d.contains(v))
                #expect(v == d.sample(using: &b))
            }
        }
    }

    @Test func allowedDescription_listsTheChoices() {
        #expect(Domain.categorical(["Fifo", "FrFcfs"]).allowedDescription == "one of Fifo, FrFcfs")
        #expect(Domain.integer(1...8, step: 1).allowedDescription == "an integer in 1...8")
        #expect(Domain.ordinal([1, 2, 4]).allowedDescription == "one of 1, 2, 4")
    }
}
