import Testing
@testable import GymCore

struct SpecDecodingTests {
    struct H: Codable, Sendable, Equatable {
        var population = 16
        var mutation = 0.05
        var name = "x"
    }

    let file = "agents/ga.yaml"

    @Test func hyperparameters_mergeOverDefaults() throws {
        let h = try HyperparameterDecoding.decode(H.self, from: SpecObject(["population": .number(32)], file: file), defaults: H())
        #expect(h == H(population: 32, mutation: 0.05, name: "x"))
    }

    @Test func unknownHyperparameter_isRejectedWithTheAllowedKeys() {
        #expect(throws: SpecError(file: file, key: "popsize", "unknown key; allowed: mutation, name, population")) {
            try HyperparameterDecoding.decode(H.self, from: SpecObject(["popsize": .number(3)], file: file), defaults: H())
        }
    }

    @Test func wrongType_namesTheKey() {
        do {
            _ = try HyperparameterDecoding.decode(H.self, from: SpecObject(["population": .string("many")], file: file), defaults: H())
            Issue.record("expected an error")
        } catch let e as SpecError {
            #expect(e.file == file)
            #expect(e.key == "population")
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func specObject_accessorsCheckTypesAndRanges() {
        let s = SpecObject(["n": .string("abc"), "k": .number(2.5), "r": .number(99)], file: "e.yaml", path: "settings")
        #expect(throws: SpecError(file: "e.yaml", key: "settings.n", "expected a number, got 'abc'")) { try s.double("n") }
        #expect(throws: SpecError(file: "e.yaml", key: "settings.k", "expected an integer, got '2.5'")) { try s.int("k") }
        #expect(throws: SpecError(file: "e.yaml", key: "settings.r", "99 is out of range; allowed: 1...10")) {
            try s.int("r", default: 1, in: 1...10)
        }
    }

    @Test func specValue_canonicalJSON_roundTrips() throws {
        let v = SpecValue.object(["b": .array([.number(1), .number(2.5)]), "a": .string("q\"x"), "c": .bool(true), "d": .null])
        #expect(v.canonicalJSON == #"{"a": "q\"x", "b": [1, 2.5], "c": true, "d": null}"#)
        #expect(try SpecValue.parseJSON(v.canonicalJSON) == v)
    }
}
