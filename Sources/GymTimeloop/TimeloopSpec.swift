import GymCore

/// A Timeloop-style description read from a spec file: one convolution, a
/// storage hierarchy with per-level widths, keep/bypass sets, energies and
/// mapping constraints, the mapper's settings and, optionally, a mapping to
/// evaluate as given (docs/references.md §3). Example:
/// `environments/timeloop/eyeriss_like.yaml`.
///
///     problem: {R: 3, S: 3, P: 112, Q: 112, C: 3, M: 32, N: 1, stride: 2}
///     mac: {energy_pJ: 0.2077, leak_pJ_per_cycle: 0.002374}
///     levels:                       # outermost first, as Timeloop lists them
///       - {name: DRAM, class: DRAM, width: 64, datawidth: 8, read_pJ: 512, write_pJ: 512}
///       - name: shared_glb
///         class: smartbuffer_SRAM
///         depth: 16384
///         width: 64                 # bits per access; datawidth: bits per word
///         datawidth: 8
///         keep: [Inputs, Outputs]   # the others bypass it
///         mesh_x: 14                # fanout to the level below: mesh_x × mesh_y
///         spatial: {permutation: [N, C, P, R, S, Q, M], factors: {N: 1, C: 1}, split: 7}
///         ...
///     mapping:                      # optional: per level name
///       shared_glb: {temporal: {P: 14}, permutation: [Q, P, M], spatial: {Q: 14}}
///
/// Dimension letters are Timeloop's (M = output channels; K is accepted too);
/// permutations list loops innermost first, as Timeloop writes them. A level
/// without storage (a container with a fanout) has `class: container`.
public struct TimeloopSpec: Sendable {
    public var problem: LoopProblem
    public var architecture: Architecture
    public var mapper: Mapper
    /// The mapping the spec gives, if any.
    public var mapping: Mapping?

    public static let classes = StorageClass.allCases.map(\.rawValue) + ["container"]

    public init(_ spec: SpecObject) throws {
        try spec.requireOnly(["problem", "mac", "levels", "mapper", "mapping", "description"])
        guard let p = try spec.object("problem") else { throw spec.error("problem", "missing") }
        problem = try TimeloopSpec.problem(p)
        guard let mac = try spec.object("mac") else { throw spec.error("mac", "missing") }
        try mac.requireOnly(["energy_pJ", "leak_pJ_per_cycle", "area_um2"])
        guard let items = try spec.array("levels"), !items.isEmpty else { throw spec.error("levels", "missing: list the storage levels, outermost first") }
        var levels: [StorageLevel] = []
        for (i, item) in items.enumerated() {
            guard case .object(let o) = item else { throw spec.error("levels", "entry \(i + 1) is not a mapping") }
            levels.append(try TimeloopSpec.level(SpecObject(o, file: spec.file, path: spec.fullKey("levels[\(i)]"))))
        }
        levels.reverse()
        architecture = Architecture(levels: levels, macEnergyPJ: try mac.double("energy_pJ", default: 0, in: 0...1e9),
                                    macAreaUM2: try mac.double("area_um2", default: 0, in: 0...1e12),
                                    macLeakagePJPerCycle: try mac.double("leak_pJ_per_cycle", default: 0, in: 0...1e9))
        if let reason = architecture.problem { throw spec.error("levels", reason) }
        let goals = Mapper.Goal.allCases.map(\.rawValue)
        let m = try spec.object("mapper") ?? SpecObject([:], file: spec.file, path: spec.fullKey("mapper"))
        try m.requireOnly(["objective", "budget", "seed"])
        guard let goal = Mapper.Goal(rawValue: try m.string("objective") ?? "edp") else {
            throw m.error("objective", "'\(try m.string("objective") ?? "")' is not allowed; allowed: \(goals.joined(separator: ", "))")
        }
        mapper = Mapper(goal: goal, budget: try m.int("budget", default: 3000, in: 1...10_000_000),
                        seed: UInt64(try m.int("seed", default: 1, in: 0...Int(Int32.max))))
        if let given = try spec.object("mapping") {
            let mapping = try TimeloopSpec.mapping(given, levels: levels)
            if let reason = LoopNestModel.violation(problem, architecture, mapping) { throw spec.error("mapping", reason) }
            self.mapping = mapping
        }
    }

    // MARK: Parts

    static func dimension(_ letter: String, in spec: SpecObject, key: String) throws -> ProblemDimension {
        let l = letter.uppercased() == "M" ? "K" : letter.uppercased()
        guard let d = ProblemDimension.allCases.first(where: { $0.letter == l }) else {
            throw spec.error(key, "unknown dimension '\(letter)'; allowed: R, S, P, Q, C, M (or K), N, G")
        }
        return d
    }

    static func dimensions(_ spec: SpecObject, _ key: String) throws -> [ProblemDimension]? {
        guard let list = try spec.array(key) else { return nil }
        let dims = try list.map { v -> ProblemDimension in
            guard let text = v.scalarText else { throw spec.error(key, "expected dimension letters, got '\(v)'") }
            return try dimension(text, in: spec, key: key)
        }
        guard Set(dims).count == dims.count else { throw spec.error(key, "a dimension appears twice") }
        return dims
    }

    /// `{N: 1, C: 1}`: the dimensions a level may not hold.
    static func forbidden(_ spec: SpecObject, _ key: String) throws -> Set<ProblemDimension> {
        guard let o = try spec.object(key) else { return [] }
        var out: Set<ProblemDimension> = []
        for name in o.keys {
            guard try o.int(name) == 1 else { throw o.error(name, "only factor 1 (no loop here) is supported") }
            out.insert(try dimension(name, in: o, key: name))
        }
        return out
    }

    static func problem(_ p: SpecObject) throws -> LoopProblem {
        let letters = ["R", "S", "P", "Q", "C", "M", "K", "N", "G"]
        try p.requireOnly(letters + ["stride", "name"])
        var bounds = LoopExtents.ones
        for letter in letters {
            if let v = try p.int(letter) {
                guard v >= 1 else { throw p.error(letter, "must be at least 1") }
                bounds[try dimension(letter, in: p, key: letter)] = v
            }
        }
        return LoopProblem(name: try p.string("name") ?? "problem", bounds: bounds,
                           stride: try p.int("stride", default: 1, in: 1...1024))
    }

    static func tensors(_ spec: SpecObject, _ key: String) throws -> Set<DataTensor>? {
        guard let list = try spec.array(key) else { return nil }
        return Set(try list.map { v -> DataTensor in
            let name = (v.scalarText ?? "").lowercased()
            guard let t = DataTensor.allCases.first(where: { $0.name == name }) else {
                throw spec.error(key, "unknown tensor '\(v)'; allowed: Weights, Inputs, Outputs")
            }
            return t
        })
    }

    static func level(_ s: SpecObject) throws -> StorageLevel {
        try s.requireOnly(["name", "class", "depth", "width", "datawidth", "banks", "read_bandwidth", "write_bandwidth",
                           "keep", "mesh_x", "mesh_y", "read_pJ", "write_pJ", "leak_pJ_per_cycle", "area_um2",
                           "temporal", "spatial"])
        guard let name = try s.string("name") else { throw s.error("name", "missing") }
        let className = try s.requiredString("class", allowed: classes)
        let isContainer = className == "container"
        let cls = StorageClass(rawValue: className) ?? .regfile
        let width = try s.int("width", default: 16, in: 1...65536)
        let datawidth = try s.int("datawidth", default: width, in: 1...65536)
        guard width % datawidth == 0 else { throw s.error("width", "\(width) bits is not a whole number of \(datawidth)-bit words") }
        let depth = cls == .dram || isContainer ? nil : try s.int("depth")
        if !isContainer, cls != .dram, depth == nil { throw s.error("depth", "missing: rows of the \(name)") }
        if let depth, depth < 1 { throw s.error("depth", "must be at least 1") }
        let keeps = try tensors(s, "keep") ?? (isContainer ? [] : Set(DataTensor.allCases))
        if isContainer, !keeps.isEmpty { throw s.error("keep", "a container stores nothing") }
        let meshX = try s.int("mesh_x", default: 1, in: 1...1_000_000)
        let meshY = try s.int("mesh_y", default: 1, in: 1...1_000_000)
        // A container has no storage, so no temporal loops (Timeloop maps
        // time only onto storage levels).
        var constraints = LevelConstraints(temporalForbidden: isContainer ? Set(ProblemDimension.allCases) : [])
        if isContainer, s.has("temporal") { throw s.error("temporal", "a container holds no temporal loops") }
        if let t = try s.object("temporal") {
            try t.requireOnly(["permutation", "factors"])
            constraints.permutation = try dimensions(t, "permutation")
            constraints.temporalForbidden = try forbidden(t, "factors")
        }
        if let sp = try s.object("spatial") {
            try sp.requireOnly(["permutation", "factors", "split"])
            constraints.spatialForbidden = try forbidden(sp, "factors")
            if let split = try sp.int("split") {
                guard let order = try dimensions(sp, "permutation") else { throw sp.error("split", "needs a permutation to split") }
                guard (0...order.count).contains(split) else { throw sp.error("split", "\(split) is out of range; allowed: 0...\(order.count)") }
                constraints.spatialX = Set(order.prefix(split))
            }
        }
        return StorageLevel(
            name: name, storageClass: cls, depth: depth, blockSize: width / datawidth, wordBits: datawidth,
            banks: try s.int("banks", default: 1, in: 1...65536),
            readBandwidth: try s.double("read_bandwidth", default: .infinity, in: 1e-9...Double.infinity),
            writeBandwidth: try s.double("write_bandwidth", default: .infinity, in: 1e-9...Double.infinity),
            keeps: keeps, fanout: meshX * meshY, meshX: meshX, constraints: constraints,
            readEnergyPJ: try s.double("read_pJ", default: 0, in: 0...1e9),
            writeEnergyPJ: try s.double("write_pJ", default: 0, in: 0...1e9),
            leakagePJPerCycle: try s.double("leak_pJ_per_cycle", default: 0, in: 0...1e9),
            areaUM2: try s.double("area_um2", default: 0, in: 0...1e15))
    }

    /// `{level: {temporal: {P: 8}, permutation: [Q, P], spatial: {Q: 14}}}`;
    /// levels not named hold no loops (the factors must multiply to the bounds).
    static func mapping(_ o: SpecObject, levels: [StorageLevel]) throws -> Mapping {
        try o.requireOnly(levels.map(\.name))
        let n = levels.count
        var m = Mapping(temporal: [LoopExtents](repeating: .ones, count: n), spatial: [LoopExtents](repeating: .ones, count: n),
                        order: levels.map { $0.constraints.order ?? ProblemDimension.allCases })
        for (l, level) in levels.enumerated() {
            guard let entry = try o.object(level.name) else { continue }
            try entry.requireOnly(["temporal", "spatial", "permutation"])
            for (key, isSpatial) in [("temporal", false), ("spatial", true)] {
                guard let factors = try entry.object(key) else { continue }
                for name in factors.keys {
                    let d = try dimension(name, in: factors, key: name)
                    let f = try factors.int(name, default: 1, in: 1...1_000_000)
                    if isSpatial { m.spatial[l][d] = f } else { m.temporal[l][d] = f }
                }
            }
            if let order = try dimensions(entry, "permutation") {
                m.order[l] = ProblemDimension.allCases.filter { !order.contains($0) } + order.reversed()
            }
        }
        return m
    }
}
