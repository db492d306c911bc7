import GymCore
import GymWorkloads

extension EyerissEnvironment {
    /// Builds the environment from a spec's `settings:` mapping (see `settingKeys`).
    public init(settings spec: SpecObject) throws {
        try spec.requireOnly(EyerissEnvironment.settingKeys.map(\.key))
        var workload: Workload
        do {
            workload = try Workload.load(try spec.string("workload") ?? "alexnet", relativeTo: spec.baseDirectory)
        } catch let e as SpecError {
            throw e.key == nil || e.key == "workload" ? SpecError(file: e.file ?? spec.file, key: spec.fullKey("workload"), e.message) : e
        }
        if try spec.bool("conv_only", default: false) {
            workload.layers = workload.layers.filter { $0.type != .gemm && $0.type != .bmm }
            guard !workload.layers.isEmpty else { throw spec.error("conv_only", "the workload has no convolution layers") }
            workload.name += "-conv"
        }
        let goals = Mapper.Goal.allCases.map(\.rawValue)
        let goal = Mapper.Goal(rawValue: try spec.string("mapper_objective") ?? "edp")
        guard let goal else {
            throw spec.error("mapper_objective", "'\(try spec.string("mapper_objective") ?? "")' is not allowed; allowed: \(goals.joined(separator: ", "))")
        }
        let mapper = Mapper(goal: goal, budget: try spec.int("mapper_budget", default: 1000, in: 1...1_000_000),
                            seed: UInt64(try spec.int("mapper_seed", default: 1, in: 0...Int(Int32.max))))
        var table = ComponentTable.eyeriss65nm
        table.macPJ = try spec.double("mac_energy_pJ", default: table.macPJ, in: 0...1e6)
        table.dramPJPerAccess = try spec.double("dram_energy_pJ", default: table.dramPJPerAccess, in: 0...1e9)
        let bandwidth = try spec.double("dram_bandwidth", default: 4, in: 0.001...1e9)
        var overrides: [String: (read: Double?, write: Double?)] = [:]
        if let o = try spec.object("energy_overrides") {
            let levels = ["psum_spad", "weights_spad", "ifmap_spad", "dummy_buffer", "shared_glb"]
            try o.requireOnly(levels)
            for name in o.keys {
                guard let entry = try o.object(name) else { continue }
                try entry.requireOnly(["read_pJ", "write_pJ"])
                let read = try entry.double("read_pJ"), write = try entry.double("write_pJ")
                for (key, v) in [("read_pJ", read), ("write_pJ", write)] where (v ?? 0) < 0 {
                    throw entry.error(key, "an energy cannot be negative")
                }
                overrides[name] = (read, write)
            }
        }
        self.init(workload: workload, mapper: mapper, table: table, dramBandwidth: bandwidth, energyOverrides: overrides)
    }
}
