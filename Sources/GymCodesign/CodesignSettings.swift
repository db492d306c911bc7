import GymCore
import GymAccelerator

/// What a `codesign` spec's `settings:` may say (see `help`).
struct CodesignSettings: Sendable {
    var tasks: [any TaskNetworkFamily]
    /// Task weights of the weighted accuracy, normalised to sum to 1, in `tasks` order.
    var weights: [Double]
    var subAccelerators: Int
    var templates: [Dataflow]
    var budgets: CodesignBudgets
    var specs: CodesignSpecs
    var pruneViolations: Bool
    var tables: [String: AccuracyTable]
    var evaluator: HeterogeneousEvaluator

    static let keys = ["tasks", "task_weights", "sub_accelerators", "templates", "total_pes", "total_bandwidth_gbps",
                       "specs", "prune_violations", "accuracy_tables", "nuclei_resolution", "simd_lanes", "l1_bytes",
                       "l2_bytes", "noc_hops", "noc_hop_latency", "clock_mhz", "element_bytes",
                       "enforce_buffer_capacity", "subcluster_reuse"] + AcceleratorCosts.overrides.map(\.key)

    static let defaultTemplates = ["kcp_ws", "ykp_os", "rs"]

    init(_ spec: SpecObject) throws {
        try spec.requireOnly(CodesignSettings.keys)
        let resolution = try spec.int("nuclei_resolution", default: 128, in: 32...4096)
        guard resolution % 32 == 0 else { throw spec.error("nuclei_resolution", "\(resolution) is not a multiple of 32 (a depth-5 U-Net halves it five times)") }
        let families: [any TaskNetworkFamily] = [ResNetCIFAR10(), UNetNuclei(resolution: resolution)]
        let familyNames = families.map(\.name)
        let names = try CodesignSettings.list(spec, "tasks", allowed: familyNames) ?? familyNames
        guard Set(names).count == names.count else { throw spec.error("tasks", "a task is listed twice") }
        tasks = names.map { n in families.first { $0.name == n }! }

        var weights = names.map { _ in 1.0 }
        if let w = try spec.object("task_weights") {
            try w.requireOnly(names)
            for (i, n) in names.enumerated() {
                weights[i] = try w.double(n, default: 1, in: 0...1e6)
            }
        }
        let total = weights.reduce(0, +)
        guard total > 0 else { throw spec.error("task_weights", "at least one weight must be positive") }
        self.weights = weights.map { $0 / total }

        subAccelerators = try spec.int("sub_accelerators", default: 2, in: 1...8)
        let templateNames = try CodesignSettings.list(spec, "templates", allowed: Dataflow.builtInNames) ?? CodesignSettings.defaultTemplates
        guard !templateNames.isEmpty else { throw spec.error("templates", "give at least one dataflow template") }
        templates = try templateNames.map { try Dataflow.named($0, key: spec.fullKey("templates")) }
        budgets = CodesignBudgets(totalPEs: try spec.int("total_pes", default: 4096, in: 1...1_048_576),
                                  totalBandwidthGBps: try spec.double("total_bandwidth_gbps", default: 64, in: 0.001...1e6))
        specs = try CodesignSpecs(spec: try spec.object("specs"))
        pruneViolations = try spec.bool("prune_violations", default: false)

        tables = [:]
        if let t = try spec.object("accuracy_tables") {
            try t.requireOnly(names)
            for family in tasks {
                guard let path = try t.path(family.name) else { continue }
                tables[family.name] = try AccuracyTable.load(path, family: family)
            }
        }

        var costs = AcceleratorCosts()
        for (key, path) in AcceleratorCosts.overrides {
            costs[keyPath: path] = try spec.double(key, default: costs[keyPath: path], in: 0...1e12)
        }
        var hw = AcceleratorHardware()
        hw.simdLanes = try spec.int("simd_lanes", default: 1, in: 1...1024)
        hw.l1Bytes = try spec.int("l1_bytes", default: 512, in: 1...(1 << 40))
        hw.l2Bytes = try spec.int("l2_bytes", default: 1 << 20, in: 1...(1 << 40))
        hw.nocHops = try spec.int("noc_hops", default: 1, in: 0...1024)
        hw.nocHopLatency = try spec.int("noc_hop_latency", default: 1, in: 0...1024)
        hw.clockMHz = try spec.double("clock_mhz", default: 1000, in: 1...100_000)
        hw.elementBytes = try spec.int("element_bytes", default: 1, in: 1...16)
        let model = MaestroModel(costs: costs, subClusterReuse: try spec.bool("subcluster_reuse", default: false))
        evaluator = HeterogeneousEvaluator(model: model, base: hw,
                                           enforceBufferCapacity: try spec.bool("enforce_buffer_capacity", default: true))
    }

    /// A list of names, each from `allowed`.
    static func list(_ spec: SpecObject, _ key: String, allowed: [String]) throws -> [String]? {
        guard let items = try spec.array(key) else { return nil }
        return try items.map { item in
            guard let name = item.scalarText, allowed.contains(name) else {
                throw spec.error(key, "'\(item)' is not allowed; allowed: \(allowed.joined(separator: ", "))")
            }
            return name
        }
    }

    /// Everything besides the configuration that changes outputs.
    var fingerprint: String {
        // Built part by part: one array literal of a dozen interpolations took
        // the type checker about a second of every build.
        let hw = evaluator.base
        var parts: [String] = [MaestroModel.version]
        parts.append(tasks.map(\.name).joined(separator: "+"))
        parts.append("weights=" + weights.map { "\($0)" }.joined(separator: ","))
        parts.append("subs=\(subAccelerators)")
        parts.append(templates.map(\.name).joined(separator: "+"))
        parts.append("pes<=\(budgets.totalPEs),bw<=\(budgets.totalBandwidthGBps)")
        parts.append(specs.fingerprint)
        parts.append("prune=\(pruneViolations)")
        parts.append(tables.keys.sorted().map { tables[$0]!.fingerprint }.joined(separator: "|"))
        parts.append(tasks.compactMap { ($0 as? UNetNuclei).map { "nuclei=\($0.resolution)px" } }.joined())
        parts.append("lanes=\(hw.simdLanes),l1=\(hw.l1Bytes),l2=\(hw.l2Bytes),hops=\(hw.nocHops),hoplat=\(hw.nocHopLatency),clock=\(hw.clockMHz),eb=\(hw.elementBytes)")
        parts.append("enforce=\(evaluator.enforceBufferCapacity),reuse=\(evaluator.model.subClusterReuse)")
        parts.append(evaluator.model.costs.fingerprintText)
        return parts.joined(separator: ";")
    }

    static let help: [(key: String, help: String)] = [
        ("tasks", "task networks searched jointly (default [cifar10, nuclei]): cifar10 = ResNet-like CIFAR-10 classifier, nuclei = U-Net nuclei segmentation"),
        ("task_weights", "weights of the weighted accuracy, e.g. {cifar10: 1, nuclei: 1} (default equal; normalised)"),
        ("sub_accelerators", "number of sub-accelerators k (default 2)"),
        ("templates", "dataflow templates a sub-accelerator may use (default [kcp_ws, ykp_os, rs]: NVDLA-like, ShiDianNao-like, row-stationary)"),
        ("total_pes", "PE budget over all sub-accelerators (default 4096)"),
        ("total_bandwidth_gbps", "memory bandwidth budget over all sub-accelerators, GB/s (default 64)"),
        ("specs", "design specs, upper limits: {latency_cycles: .., energy_nJ: .., area_um2: ..} (default none)"),
        ("prune_violations", "false (default): spec violations lower nasaic_reward; true: they make a point infeasible (NASAIC's pruning)"),
        ("accuracy_tables", "measured accuracies overriding the surrogate, per task: {cifar10: table.csv} (columns: choices + accuracy)"),
        ("nuclei_resolution", "nuclei input image size in pixels, a multiple of 32 (default 128)"),
        ("simd_lanes, l1_bytes, l2_bytes", "per-sub-accelerator hardware (default 1, 512, 1048576)"),
        ("noc_hops, noc_hop_latency, clock_mhz, element_bytes", "as for accelerator (default 1, 1, 1000, 1)"),
        ("enforce_buffer_capacity, subcluster_reuse", "as for accelerator (default true, false)"),
        ("mac_energy_pj, ... (accelerator cost constants)", "as for accelerator; energy_nJ = MAC-energy units × mac_energy_pj / 1000"),
    ]
}
