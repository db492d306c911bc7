import GymCore

/// The two design spaces of the `soc` environment (docs/references.md §9).
///
/// - `limited`: ArchGym's space, a flat integer vector of 18 + 2T knobs with
///   ArchGym's names and ranges: three processor slots (`pe_allocation_i`, 0 an
///   A53, 1 the database's first accelerator IP, here the IP of the workload's
///   first task that has one), three ×1/4/6/8 DRAMs (`mem_allocation_i`), three
///   ×1/4/6/8 buses (`bus_allocation_i`), all 4 bytes wide; each processor on a
///   bus (`pe_to_bus_connection_i`), each bus optionally linked to another bus
///   and to a memory (`bus_to_bus_connection_i`, `bus_to_mem_connection_i`, -1
///   none); per task its processor and the memory it writes
///   (`task_to_pe_mapping_t`, `task_to_mem_mapping_t`, t in task-file order).
/// - `rich`: four slots of each kind, any slot may be empty; a processor is an
///   A53 or the IP of any task, with loop unrolling 1…2^14 (capped at the
///   task's iterations) and clock ×1/4/6/8; memories SRAM or DRAM, 4…128 bytes
///   wide, ×1/4/6/8; buses 4…128 bytes wide (0: empty slot), ×1/4/6/8. Wiring and
///   mapping knobs as in `limited`, over four slots.
public enum SoCSpace: String, Sendable, CaseIterable {
    case limited, rich

    public var slots: Int { self == .limited ? 3 : 4 }

    public func designSpace(for graph: TaskGraph) -> DesignSpace {
        let n = slots, last = n - 1
        var ps: [Parameter] = []
        switch self {
        case .limited:
            for i in 0..<n { ps.append(.integer("pe_allocation_\(i)", 0...1, default: 0, summary: "0: A53, 1: the first accelerator IP")) }
            for i in 0..<n { ps.append(.integer("mem_allocation_\(i)", 0...3, default: 0, summary: "4-byte DRAM at x1/4/6/8 of 100 MHz")) }
            for i in 0..<n { ps.append(.integer("bus_allocation_\(i)", 0...3, default: 0, summary: "4-byte bus at x1/4/6/8 of 100 MHz")) }
        case .rich:
            let peChoices = ["none", "A53"] + graph.ipTasks.map { "ip_" + graph.tasks[$0].name }
            let clocks = HardwareDatabase.clockMultipliers.map(Double.init)
            let widths = HardwareDatabase.widths.map(Double.init)
            for i in 0..<n {
                ps.append(.choice("pe_type_\(i)", peChoices, default: i == 0 ? "A53" : "none", summary: "processor in slot \(i)"))
                ps.append(.ordinal("pe_unrolling_\(i)", HardwareDatabase.unrollings.map(Double.init), default: 1,
                                   summary: "IP loop unrolling (capped at the task's iterations)"))
                ps.append(.ordinal("pe_clock_\(i)", clocks, default: 1, summary: "IP clock multiplier of 100 MHz"))
            }
            for i in 0..<n {
                ps.append(.choice("mem_type_\(i)", ["none", "sram", "dram"], default: i == 0 ? "dram" : "none", summary: "memory in slot \(i)"))
                ps.append(.ordinal("mem_width_\(i)", widths, default: 4, summary: "memory width, bytes"))
                ps.append(.ordinal("mem_clock_\(i)", clocks, default: 1, summary: "memory clock multiplier of 100 MHz"))
            }
            for i in 0..<n {
                ps.append(.ordinal("bus_width_\(i)", [0] + widths, default: i == 0 ? 4 : 0, summary: "bus width, bytes (0: empty slot)"))
                ps.append(.ordinal("bus_clock_\(i)", clocks, default: 1, summary: "bus clock multiplier of 100 MHz"))
            }
        }
        for i in 0..<n { ps.append(.integer("pe_to_bus_connection_\(i)", 0...last, default: 0, summary: "bus of processor \(i)")) }
        for i in 0..<n { ps.append(.integer("bus_to_bus_connection_\(i)", -1...last, default: -1, summary: "bus linked to bus \(i) (-1 none)")) }
        for i in 0..<n {
            ps.append(.integer("bus_to_mem_connection_\(i)", -1...last, default: i == 0 ? 0 : -1, summary: "memory on bus \(i) (-1 none)"))
        }
        for (t, task) in graph.tasks.enumerated() {
            ps.append(.integer("task_to_pe_mapping_\(t)", 0...last, default: 0, summary: "processor running \(task.name)"))
        }
        for (t, task) in graph.tasks.enumerated() {
            ps.append(.integer("task_to_mem_mapping_\(t)", 0...last, default: 0, summary: "memory \(task.name) writes to"))
        }
        return DesignSpace(ps)
    }

    /// The design a configuration of this space describes.
    public func design(_ c: Configuration, graph: TaskGraph) -> SoCDesign {
        design(values: designSpace(for: graph).parameters.map { c[$0.name]! }, graph: graph)
    }

    /// The design of parameter values given in `designSpace(for:)` order (read
    /// in the order the parameters were declared above).
    public func design(values: [ParameterValue], graph: TaskGraph) -> SoCDesign {
        var next = 0
        func value() -> ParameterValue { defer { next += 1 }; return values[next] }
        func int() -> Int { Int(value().number!) }
        func optional() -> Int? { let v = int(); return v < 0 ? nil : v }
        let n = slots, clocks = HardwareDatabase.clockMultipliers
        var processors: [SoCDesign.Processor?] = [], memories: [SoCDesign.Memory?] = [], buses: [SoCDesign.Bus?] = []
        switch self {
        case .limited:
            let ip = graph.ipTasks.first.map { SoCDesign.Processor.ip(task: $0, unrolling: 1, clock: 1) }
            processors = (0..<n).map { _ in int() == 0 ? .a53 : ip }
            memories = (0..<n).map { _ in SoCDesign.Memory(.dram, width: 4, clock: clocks[int()]) }
            buses = (0..<n).map { _ in SoCDesign.Bus(width: 4, clock: clocks[int()]) }
        case .rich:
            for _ in 0..<n {
                let type = value().text, unrolling = int(), clock = int()
                if type == "none" { processors.append(nil) }
                else if type == "A53" { processors.append(.a53) }
                else {
                    let t = graph.index(of: String(type.dropFirst(3)))!
                    processors.append(.ip(task: t, unrolling: HardwareDatabase.ipUnrolling(unrolling, for: graph.tasks[t]), clock: clock))
                }
            }
            for _ in 0..<n {
                let kind = value().text, width = int(), clock = int()
                memories.append(kind == "none" ? nil : SoCDesign.Memory(MemoryKind(rawValue: kind)!, width: width, clock: clock))
            }
            for _ in 0..<n {
                let width = int(), clock = int()
                buses.append(width == 0 ? nil : SoCDesign.Bus(width: width, clock: clock))
            }
        }
        let processorBus = (0..<n).map { _ in int() }
        let busLink = (0..<n).map { _ in optional() }
        let busMemory = (0..<n).map { _ in optional() }
        let taskProcessor = graph.tasks.indices.map { _ in int() }
        let taskMemory = graph.tasks.indices.map { _ in int() }
        return SoCDesign(processors: processors, memories: memories, buses: buses, processorBus: processorBus,
                         busLink: busLink, busMemory: busMemory, taskProcessor: taskProcessor, taskMemory: taskMemory)
    }
}
