import Testing
@testable import GymCore

struct ParetoArchiveTests {
    let objective = Objective(kind: .pareto, terms: [
        .init(metric: "latency_ns", direction: .minimize, value: 1),
        .init(metric: "bandwidth_GBps", direction: .maximize, value: 1),
    ])

    func trial(_ index: Int, latency: Double, bandwidth: Double, feasible: Bool = true) -> Trial {
        Trial(index: index, batch: index / 4, configuration: Configuration([:]),
              metrics: Metrics([Metric("latency", "ns", latency), Metric("bandwidth", "GBps", bandwidth)]),
              reward: feasible ? 0 : nil, reason: nil, cacheHit: false, evalSeconds: 0)
    }

    @Test func front_isTheFirstNondominatedFront_ofEverythingAdded() {
        var rng = SplitMix64(seed: 4)
        var archive = ParetoArchive(reference: nil)
        var all: [Trial] = []
        for b in 0..<10 {
            let batch = (0..<4).map { i in trial(b * 4 + i, latency: rng.nextUnit() * 10, bandwidth: rng.nextUnit() * 5) }
            archive.add(batch, objective: objective)
            all += batch
        }
        let vectors = all.map { objective.objectiveVector($0.metrics)! }
        let expected = Set(Pareto.nondominatedFronts(vectors)[0])
        #expect(Set(archive.front.map(\.index)) == expected)
    }

    @Test func hypervolume_neverShrinks_andTheReferenceComesFromTheFirstFeasibleBatch() {
        var archive = ParetoArchive(reference: nil)
        archive.add([trial(0, latency: 5, bandwidth: 1, feasible: false)], objective: objective)
        #expect(archive.reference == nil)
        archive.add([trial(1, latency: 4, bandwidth: 2), trial(2, latency: 8, bandwidth: 4)], objective: objective)
        // worst latency 8 + 10% of range 4; worst (negated) bandwidth -2 + 10% of range 2.
        #expect(archive.reference == [8.4, -1.8])
        var last = archive.hypervolume!
        for (i, (l, b)) in [(3.0, 3.0), (9.0, 1.0), (2.0, 2.5), (1.0, 1.9)].enumerated() {
            archive.add([trial(3 + i, latency: l, bandwidth: b)], objective: objective)
            #expect(archive.hypervolume! >= last)
            last = archive.hypervolume!
        }
    }
}
