/// The non-dominated trials of a multi-objective campaign so far, and the
/// hypervolume they dominate: what campaigns with a `pareto` objective record
/// after every batch (one batch is one generation of NSGA-II).
///
/// The reference point is the objective's `reference` when the spec gives
/// one; otherwise it is fixed from the first batch with a feasible trial: its
/// worst value per objective plus 10% of that batch's range (or of the value's
/// magnitude when the range is 0), so hypervolumes of later batches compare.
public struct ParetoArchive: Sendable {
    public private(set) var reference: [Double]?
    /// Trial indices and objective vectors (minimised) of the current front.
    public private(set) var front: [(index: Int, vector: [Double])] = []

    public init(reference: [Double]?) {
        self.reference = reference
    }

    /// Adds a batch of trials; infeasible ones are ignored.
    public mutating func add(_ trials: [Trial], objective: Objective) {
        let points = trials.compactMap { t -> (Int, [Double])? in
            guard t.feasible, let v = objective.objectiveVector(t.metrics) else { return nil }
            return (t.index, v)
        }
        guard !points.isEmpty else { return }
        if reference == nil { reference = ParetoArchive.reference(from: points.map(\.1)) }
        for (index, vector) in points {
            if front.contains(where: { Pareto.dominates($0.vector, vector) || $0.vector == vector }) { continue }
            front.removeAll { Pareto.dominates(vector, $0.vector) }
            front.append((index, vector))
        }
        front.sort { $0.index < $1.index }
    }

    /// Hypervolume of the front against the reference (nil above 3 objectives or before any feasible trial).
    public var hypervolume: Double? {
        guard let reference, !front.isEmpty, reference.count <= 3 else { return nil }
        return Pareto.hypervolume(front.map(\.vector), reference: reference)
    }

    static func reference(from vectors: [[Double]]) -> [Double] {
        (0..<vectors[0].count).map { m in
            let values = vectors.map { $0[m] }
            let lo = values.min()!, hi = values.max()!
            let margin = hi > lo ? 0.1 * (hi - lo) : max(0.1 * abs(hi), 1e-12)
            return hi + margin
        }
    }
}
