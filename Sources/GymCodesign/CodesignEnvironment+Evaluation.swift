import GymCore
import GymWorkloads

/// One task of a configuration: its choice vector, network and accuracy.
public struct CodesignTaskPoint: Sendable {
    public var family: any TaskNetworkFamily
    public var choice: Configuration
    public var workload: Workload
    public var accuracy: Double
    /// "table" when an accuracy table listed the choice, else "surrogate".
    public var accuracySource: String
    public var subAccelerator: Int
}

extension CodesignEnvironment {
    /// The sub-accelerators a configuration describes.
    public func subAccelerators(_ c: Configuration) -> [SubAccelerator] {
        (1...settings.subAccelerators).map { i in
            let flowName = c.string("acc\(i)_dataflow")
            return SubAccelerator(name: "acc\(i)", dataflow: settings.templates.first { $0.name == flowName }!,
                                  pes: c.int("acc\(i)_pes"), bandwidthGBps: c.double("acc\(i)_bw_gbps"))
        }
    }

    /// Each task's network, accuracy and sub-accelerator under a configuration.
    public func taskPoints(_ c: Configuration) -> [CodesignTaskPoint] {
        settings.tasks.map { family in
            let choice = family.choice(in: c)
            let (accuracy, source) = self.accuracy(of: family, choice: choice)
            let on = c.string("\(family.name)_on")
            return CodesignTaskPoint(family: family, choice: choice, workload: family.workload(choice),
                                     accuracy: accuracy, accuracySource: source,
                                     subAccelerator: Int(on.dropFirst(3))! - 1)
        }
    }

    /// Weighted accuracy of task points (`task_weights`).
    func weightedAccuracy(_ points: [CodesignTaskPoint]) -> Double {
        zip(points, settings.weights).reduce(0) { $0 + $1.0.accuracy * $1.1 }
    }

    /// The evaluator and budgets, for callers that cost designs directly.
    public var evaluator: HeterogeneousEvaluator { settings.evaluator }
    public var budgets: CodesignBudgets { settings.budgets }
    public var specs: CodesignSpecs { settings.specs }
    public var tasks: [any TaskNetworkFamily] { settings.tasks }

    public func evaluateInDetail(_ configuration: Configuration) throws -> (Metrics, [NamedMetrics]) {
        let subs = subAccelerators(configuration)
        let points = taskPoints(configuration)
        let accuracy = weightedAccuracy(points)
        var accuracyMetrics = [Metric("accuracy", "1", accuracy)]
        accuracyMetrics += points.map { Metric("\($0.family.name)_accuracy", "1", $0.accuracy) }
        let workloads = points.map { TaskWorkload(task: $0.family.name, workload: $0.workload, subAccelerator: $0.subAccelerator) }
        let cost: HeterogeneousCost
        switch settings.evaluator.evaluate(subs, tasks: workloads, budgets: settings.budgets) {
        case .failure(let why): return (.infeasible(why.reason, partial: accuracyMetrics), [])
        case .success(let c): cost = c
        }
        let latency = Double(cost.latencyCycles)
        let energyNJ = cost.energyPJ / 1000
        let area = cost.areaUM2
        let violations = settings.specs.violations(["latency_cycles": latency, "energy_nJ": energyNJ, "area_um2": area])
        var values = [
            Metric("nasaic_reward", "1", CodesignSpecs.reward(accuracy: accuracy, violations: violations)),
            Metric("latency", "cycles", latency),
            Metric("energy", "nJ", energyNJ),
            Metric("area", "um2", area),
        ] + accuracyMetrics
        for (point, (_, net)) in zip(points, cost.tasks) {
            values.append(Metric("\(point.family.name)_latency", "cycles", Double(net.runtimeCycles)))
            values.append(Metric("\(point.family.name)_macs", "1", Double(net.macs)))
        }
        values += [
            Metric("spec_violation", "1", violations.reduce(0) { $0 + $1.excess }),
            Metric("specs_met", "1", violations.isEmpty ? 1 : 0),
            Metric("pes_used", "1", Double(subs.reduce(0) { $0 + $1.pes })),
            Metric("bandwidth_used", "GBps", subs.reduce(0) { $0 + $1.bandwidthGBps }),
        ]
        let parts = detail(points: points, cost: cost)
        if settings.pruneViolations, !violations.isEmpty {
            let list = violations.map(\.description).joined(separator: "; ")
            return (.infeasible("spec violated: \(list) (prune_violations is on)", partial: values), parts)
        }
        return (Metrics(values), parts)
    }

    /// Per sub-accelerator, then per task metrics, for `evaluate --per-layer`
    /// (sub-accelerator rows first: they carry every column).
    func detail(points: [CodesignTaskPoint], cost: HeterogeneousCost) -> [NamedMetrics] {
        var parts: [NamedMetrics] = []
        for (i, sub) in cost.subAccelerators.enumerated() {
            let mine = cost.tasks.filter { $0.task.subAccelerator == i }
            parts.append(NamedMetrics(name: sub.name, metrics: [
                Metric("latency", "cycles", Double(cost.latencyCycles(of: i))),
                Metric("energy", "nJ", cost.energyPJ(of: i) / 1000),
                Metric("macs", "1", Double(mine.reduce(0) { $0 + $1.cost.macs })),
                Metric("layers", "1", Double(mine.reduce(0) { $0 + $1.cost.layers.count })),
                Metric("area", "um2", cost.areaUM2(of: i)),
                Metric("pes", "1", Double(sub.pes)),
                Metric("bandwidth", "GBps", sub.bandwidthGBps),
            ], notes: [("runs", mine.isEmpty ? "(idle)" : mine.map(\.task.task).joined(separator: " then ")),
                       ("dataflow", sub.dataflow.name), ("accuracy", "")]))
        }
        for (point, (_, net)) in zip(points, cost.tasks) {
            let sub = cost.subAccelerators[point.subAccelerator]
            parts.append(NamedMetrics(name: point.family.name, metrics: [
                Metric("latency", "cycles", Double(net.runtimeCycles)),
                Metric("energy", "nJ", net.energyPJ / 1000),
                Metric("macs", "1", Double(net.macs)),
                Metric("layers", "1", Double(net.layers.count)),
            ], notes: [("runs", "\(point.workload.name) on \(sub.name)"), ("dataflow", sub.dataflow.name),
                       ("accuracy", "\(ParameterValue.format(point.accuracy)) (\(point.accuracySource))")]))
        }
        return parts
    }
}

extension CodesignEnvironment {
    /// A task's accuracy for a choice vector and where it came from
    /// ("table" or "surrogate").
    public func accuracy(of family: any TaskNetworkFamily, choice: Configuration) -> (value: Double, source: String) {
        if let measured = settings.tables[family.name]?.accuracy(for: choice) { return (measured, "table") }
        return (family.surrogateAccuracy(choice), "surrogate")
    }
}
