import GymCore
import GymAccelerator

/// `codesign`: NAS/ASIC co-design in the NASAIC class (docs/references.md §5).
/// Several DNN tasks, each with its own architecture choices, mapped onto k
/// heterogeneous sub-accelerators (dataflow template, PEs, bandwidth share)
/// under total PE and bandwidth budgets, with latency, energy and area specs.
///
///     environment: codesign
///     settings: {specs: {latency_cycles: 2.0e6, energy_nJ: 2.0e6, area_um2: 3.0e9}}
///     objective: {kind: maximize, metric: nasaic_reward}
///
/// Parameters: each task's choices (`cifar10_filters1`, `nuclei_depth`, ...),
/// per sub-accelerator `accI_dataflow`, `accI_pes`, `accI_bw_gbps`, and per
/// task `<task>_on` (its sub-accelerator). Costs come from `MaestroModel`
/// through `HeterogeneousEvaluator`; accuracy from each task's surrogate or
/// an `accuracy_tables` CSV; `nasaic_reward` from `CodesignSpecs`.
public struct CodesignEnvironment: DetailedEnvironment {
    public static let kind = EnvironmentKind(
        name: "codesign",
        summary: "NAS/ASIC co-design (NASAIC class): CIFAR-10 ResNet + nuclei U-Net choices × k heterogeneous MAESTRO sub-accelerators under PE/bandwidth budgets and latency/energy/area specs; maximise nasaic_reward or use pareto",
        settings: CodesignSettings.help
    ) { spec in try CodesignEnvironment(settings: CodesignSettings(spec)) }

    let settings: CodesignSettings
    public let designSpace: DesignSpace
    public let metricSpecs: [MetricSpec]
    public var id: String { "codesign-v1" }
    public var fingerprint: String { id + ";" + settings.fingerprint }

    /// The environment with default settings, or as a spec's settings say.
    public init(settings spec: SpecObject = SpecObject([:], path: "settings")) throws {
        try self.init(settings: CodesignSettings(spec))
    }

    init(settings: CodesignSettings) {
        self.settings = settings
        var parameters: [Parameter] = settings.tasks.flatMap(\.prefixedChoices)
        let k = settings.subAccelerators
        let pes = CodesignEnvironment.peChoices(settings.budgets.totalPEs)
        let shares = CodesignEnvironment.bandwidthChoices(settings.budgets.totalBandwidthGBps)
        let templates = settings.templates.map(\.name)
        for i in 1...k {
            let evenPEs = pes.last { $0 <= Double(settings.budgets.totalPEs / k) } ?? pes[0]
            let evenShare = shares.last { $0 <= settings.budgets.totalBandwidthGBps / Double(k) + 1e-9 } ?? shares[0]
            parameters += [
                .choice("acc\(i)_dataflow", templates, default: templates[(i - 1) % templates.count],
                        summary: "sub-accelerator \(i): dataflow template"),
                .ordinal("acc\(i)_pes", pes, default: evenPEs, summary: "sub-accelerator \(i): processing elements"),
                .ordinal("acc\(i)_bw_gbps", shares, default: evenShare, summary: "sub-accelerator \(i): bandwidth share, GB/s"),
            ]
        }
        let subs = (1...k).map { "acc\($0)" }
        for (t, task) in settings.tasks.enumerated() {
            parameters.append(.choice("\(task.name)_on", subs, default: subs[t % k], summary: "sub-accelerator running \(task.name)"))
        }
        designSpace = DesignSpace(parameters)
        var specs: [MetricSpec] = [
            MetricSpec("nasaic_reward", "1", .maximize, summary: "weighted accuracy if every spec is met, else -Σ relative spec excess"),
            MetricSpec("latency", "cycles", .minimize, summary: "max over sub-accelerators of their tasks' summed runtime"),
            MetricSpec("energy", "nJ", .minimize, summary: "energy of all tasks on all sub-accelerators (MAC units × mac_energy_pj / 1000)"),
            MetricSpec("area", "um2", .minimize, summary: "summed area of the sub-accelerators (28 nm)"),
            MetricSpec("accuracy", "1", .maximize, summary: "weighted accuracy over tasks (task_weights)"),
        ]
        for task in settings.tasks {
            specs.append(MetricSpec("\(task.name)_accuracy", "1", .maximize, summary: task.accuracyMeaning))
        }
        for task in settings.tasks {
            specs.append(MetricSpec("\(task.name)_latency", "cycles", .minimize, summary: "runtime of \(task.name) on its sub-accelerator"))
            specs.append(MetricSpec("\(task.name)_macs", "1", .minimize, summary: "multiply-accumulates of the \(task.name) network"))
        }
        specs += [
            MetricSpec("spec_violation", "1", .minimize, summary: "Σ relative excess over the specs (0 when all are met)"),
            MetricSpec("specs_met", "1", .maximize, summary: "1 when every spec is met, else 0"),
            MetricSpec("pes_used", "1", .minimize, summary: "PEs over all sub-accelerators"),
            MetricSpec("bandwidth_used", "GBps", .minimize, summary: "bandwidth shares over all sub-accelerators"),
        ]
        metricSpecs = specs
    }

    /// PE counts offered: powers of two from 64, plus 1.5× steps from 1536,
    /// up to the budget (a single sub-accelerator may take all of it).
    static func peChoices(_ total: Int) -> [Double] {
        var out: [Double] = []
        var p = 64
        while p <= total {
            out.append(Double(p))
            if p >= 1024, p * 3 / 2 <= total { out.append(Double(p * 3 / 2)) }
            p *= 2
        }
        return out.isEmpty ? [Double(total)] : out.sorted()
    }

    /// Bandwidth shares offered: sixteenths and eighths of the budget.
    static func bandwidthChoices(_ total: Double) -> [Double] {
        let sixteenths: [Double] = [1, 2, 4, 6, 8, 10, 12, 14, 15]
        return sixteenths.map { total * $0 / 16 }
    }

    public func evaluate(_ configuration: Configuration) throws -> Metrics {
        try evaluateInDetail(configuration).0
    }
}
