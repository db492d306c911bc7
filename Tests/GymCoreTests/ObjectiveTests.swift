import Testing
@testable import GymCore

struct ObjectiveTests {
    let specs = [MetricSpec("power", "W", .minimize), MetricSpec("latency", "ns", .minimize),
                 MetricSpec("bandwidth", "GBps", .maximize), MetricSpec("area", "mm2", .minimize)]

    func metrics(power: Double = 1, latency: Double = 10, bandwidth: Double = 20, area: Double = 2) -> Metrics {
        Metrics([Metric("power", "W", power), Metric("latency", "ns", latency),
                 Metric("bandwidth", "GBps", bandwidth), Metric("area", "mm2", area)])
    }

    func objective(_ yaml: [String: SpecValue]) throws -> Objective {
        try Objective(spec: SpecObject(yaml, file: "spec.yaml", path: "objective"), metrics: specs)
    }

    @Test func archGymReward_matchesTheWorkedExample() throws {
        // docs/references.md §1: power 2.82248 W against a 1 W target gives 1/1.82248 = 0.5487.
        let o = try objective(["kind": .string("archgym-target"), "targets": .object(["power_W": .number(1)])])
        let r = try #require(o.score(metrics(power: 2.82248)).reward)
        #expect(abs(r - 0.5487) < 5e-5)
    }

    @Test func targetSpec_isOneExactlyWhenEveryTargetIsMet_andBounded() throws {
        let o = try objective(["kind": .string("target-spec"),
                               "targets": .object(["power_W": .number(1), "bandwidth_GBps": .number(10)])])
        #expect(o.score(metrics(power: 0.5, bandwidth: 30)).reward == 1)
        let r = try #require(o.score(metrics(power: 2, bandwidth: 5)).reward)
        // shortfalls: power (2-1)/1 = 1, bandwidth (10-5)/10 = 0.5 → 1/(1+1.5)
        #expect(abs(r - 0.4) < 1e-12)
        #expect(r > 0 && r < 1)
        let worse = try #require(o.score(metrics(power: 3, bandwidth: 5)).reward)
        #expect(worse < r)
    }

    @Test func timeloopCost_isZeroAtTarget_andNegatedCostOtherwise() throws {
        let o = try objective(["kind": .string("timeloop-cost"),
                               "targets": .object(["area_mm2": .number(2), "latency_ns": .number(10)])])
        #expect(o.score(metrics(latency: 8, area: 1.5)).reward == 0)
        let r = try #require(o.score(metrics(latency: 15, area: 3)).reward)
        #expect(abs(r - -(0.5 + 0.5)) < 1e-12)
        #expect(o.targetReward == 0)
    }

    @Test func minimize_negatesSoHigherRewardIsAlwaysBetter() throws {
        let o = try objective(["kind": .string("minimize"), "metric": .string("latency_ns")])
        #expect(o.score(metrics(latency: 5)).reward! > o.score(metrics(latency: 6)).reward!)
        let m = try objective(["kind": .string("maximize"), "metric": .string("bandwidth_GBps")])
        #expect(m.score(metrics(bandwidth: 6)).reward! > m.score(metrics(bandwidth: 5)).reward!)
    }

    @Test func constraints_makeAPointInfeasible_withTheReason() throws {
        let o = try objective(["kind": .string("minimize"), "metric": .string("latency_ns"),
                               "constraints": .object(["area_mm2": .object(["max": .number(2)])])])
        let s = o.score(metrics(area: 2.5))
        #expect(s.reward == nil)
        #expect(s.reason == "constraint area_mm2 <= 2 violated (2.5)")
        #expect(o.score(Metrics.infeasible("buffer too small")).reason == "buffer too small")
    }

    @Test func unknownMetric_isASpecErrorListingTheKnownOnes() {
        #expect(throws: SpecError(file: "spec.yaml", key: "objective.metric",
                                  "'energy_pJ' is not allowed; allowed: power_W, latency_ns, bandwidth_GBps, area_mm2")) {
            try objective(["kind": .string("minimize"), "metric": .string("energy_pJ")])
        }
        #expect(throws: SpecError.self) { try objective(["kind": .string("best")]) }
    }
}
