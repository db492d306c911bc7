import Testing
@testable import GymCore

struct DesignSpaceTests {
    let space = DesignSpace([
        .choice("policy", ["Open", "Closed"]),
        .integer("depth", 1...4),
        .ordinal("pes", [64, 128, 256]),
    ])

    @Test func size_isTheProductOfLevels_andEnumerationCoversItOnce() throws {
        #expect(space.finiteSize == 24)
        let all = try #require(space.enumerate())
        #expect(all.count == 24)
        #expect(Set(all).count == 24)
        for (n, c) in all.enumerated() { #expect(space.configuration(flatIndex: n) == c) }
    }

    @Test func validate_namesTheBadKeyAndAllowedValues() {
        let missing = Configuration(["policy": .text("Open"), "depth": .int(2)])
        #expect(throws: SpecError(key: "pes", "missing value; allowed: one of 64, 128, 256")) { try space.validate(missing) }
        let outside = Configuration(["policy": .text("Shut"), "depth": .int(2), "pes": .real(64)])
        #expect(throws: SpecError(key: "policy", "value 'Shut' not allowed; allowed: one of Open, Closed")) { try space.validate(outside) }
        let unknown = Configuration(["policy": .text("Open"), "depth": .int(2), "pes": .real(64), "x": .int(1)])
        #expect(throws: SpecError.self) { try space.validate(unknown) }
        #expect(throws: Never.self) { try space.validate(space.defaultConfiguration) }
    }

    @Test func neighbours_changeExactlyOneParameter() {
        let c = Configuration(["policy": .text("Open"), "depth": .int(1), "pes": .real(128)])
        let around = space.neighbours(of: c)
        // policy: 1 other choice; depth: only 2 (at the edge); pes: 64 and 256.
        #expect(around.count == 4)
        for n in around {
            #expect(zip(n.values, c.values).filter { $0 != $1 }.count == 1)
        }
    }

    @Test func constraints_areHonouredBySampling_andReported() {
        var constrained = space
        constrained.constraints = [Constraint("deep-needs-pes", message: "depth 4 needs 256 PEs") { c in
            c.int("depth") < 4 || c.double("pes") == 256
        }]
        var rng = SplitMix64(seed: 9)
        for _ in 0..<300 { #expect(constrained.violatedConstraint(constrained.sample(using: &rng)) == nil) }
        let bad = Configuration(["policy": .text("Open"), "depth": .int(4), "pes": .real(64)])
        #expect(constrained.violatedConstraint(bad)?.message == "depth 4 needs 256 PEs")
    }

    @Test func narrowing_byListAndBounds_keepsOnlyAllowedValues() throws {
        var s = space
        try s.narrow(by: SpecObject(["pes": .array([.number(128), .number(256)]),
                                     "depth": .object(["min": .number(2), "max": .number(3)])]))
        #expect(s.finiteSize == 2 * 2 * 2)
        #expect(throws: SpecError.self) {
            try s.narrow(by: SpecObject(["pes": .array([.number(100)])], file: "x.yaml", path: "space"))
        }
    }

    @Test func configuration_isCanonical_andItsHashIsStable() {
        let a = Configuration(["b": .text("x"), "a": .int(1)])
        let b = Configuration(["a": .int(1), "b": .text("x")])
        #expect(a == b)
        #expect(a.canonicalText == "a=1;b=x")
        // FNV-1a 64 of "a=1;b=x", computed independently.
        #expect(a.hashHex == "21ece6aa03ada88a")
        #expect(a.json == #"{"a": 1, "b": "x"}"#)
    }
}
