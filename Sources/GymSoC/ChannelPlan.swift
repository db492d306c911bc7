/// What each task of a design asks of each block, worked out once before a
/// simulation (docs/references.md §9): its compute rate and energy, and per
/// memory or bus channel (read and write separately) its bytes, ratio
/// (bytes / work) and work units for memory sharing.
///
/// Channel numbering: memory m read `2m`, write `2m + 1`; bus b read
/// `2M + 2b`, write `2M + 2b + 1` (M memory slots).
struct ChannelPlan {
    struct Channel {
        var resource: Int
        /// Bytes per instruction of work.
        var ratio: Double
        /// §9: int(bytes / dice), dice = floor(smallest parent input / 1024) or 1.
        var units: Double
    }

    var peak: [Double]
    var isMemory: [Bool]
    var computeRate: [Double]
    var computeEnergy: [Double]
    var channels: [[Channel]]
    /// Bytes each task reads, per memory it reads from.
    var memoryReads: [[(Int, Double)]]
    /// The memory each task writes to, and how many bytes (nil / 0 for dummies and sinks).
    var writeMemory: [Int?]
    var writeBytes: [Double]
    /// Per processor slot: whether it runs a task with work (and so costs area).
    var processorWorks: [Bool]

    init(graph: TaskGraph, design: SoCDesign) {
        let M = design.memories.count, B = design.buses.count, T = graph.tasks.count
        peak = Array(repeating: 0, count: 2 * M + 2 * B)
        isMemory = Array(repeating: false, count: 2 * M + 2 * B)
        for (m, memory) in design.memories.enumerated() {
            isMemory[2 * m] = true
            isMemory[2 * m + 1] = true
            if let memory { peak[2 * m] = memory.bandwidth; peak[2 * m + 1] = memory.bandwidth }
        }
        for (b, bus) in design.buses.enumerated() {
            if let bus { peak[2 * M + 2 * b] = bus.bandwidth; peak[2 * M + 2 * b + 1] = bus.bandwidth }
        }
        computeRate = Array(repeating: .infinity, count: T)
        computeEnergy = Array(repeating: 0, count: T)
        channels = Array(repeating: [], count: T)
        memoryReads = Array(repeating: [], count: T)
        writeMemory = Array(repeating: nil, count: T)
        writeBytes = Array(repeating: 0, count: T)
        processorWorks = Array(repeating: false, count: design.processors.count)

        let routes = design.routeTable()
        var bytes = Array(repeating: 0.0, count: 2 * M + 2 * B)
        for (t, task) in graph.tasks.enumerated() where !task.isDummy {
            let p = design.taskProcessor[t]
            processorWorks[p] = true
            switch design.processors[p] {
            case .a53?:
                computeRate[t] = HardwareDatabase.a53InstructionsPerSecond
                computeEnergy[t] = task.work / HardwareDatabase.a53InstructionsPerJoule
            case .ip(let owner, let u, let f)?:
                let unrolling = HardwareDatabase.ipUnrolling(u, for: graph.tasks[owner])
                computeRate[t] = HardwareDatabase.ipRate(task, unrolling: unrolling, clock: f)
                computeEnergy[t] = HardwareDatabase.ipEnergy(task, unrolling: unrolling)
            case nil:
                preconditionFailure("task \(task.name) on an empty processor slot: check validity first")
            }

            for r in bytes.indices { bytes[r] = 0 }
            var smallestInput = Double.infinity
            for e in graph.inputs[t] {
                let edge = graph.edges[e], m = design.taskMemory[edge.from]
                smallestInput = min(smallestInput, edge.bytes)
                bytes[2 * m] += edge.bytes
                for b in routes[p][m] ?? [] { bytes[2 * M + 2 * b] += edge.bytes }
            }
            let out = graph.outputBytes(of: t)
            if out > 0 {
                let m = design.taskMemory[t]
                bytes[2 * m + 1] += out
                for b in routes[p][m] ?? [] { bytes[2 * M + 2 * b + 1] += out }
                writeMemory[t] = m
                writeBytes[t] = out
            }
            let dice = smallestInput.isFinite ? max(1, (smallestInput / 1024).rounded(.down)) : 1
            for r in bytes.indices where bytes[r] > 0 {
                channels[t].append(Channel(resource: r, ratio: bytes[r] / task.work, units: max(1, (bytes[r] / dice).rounded(.down))))
                if r < 2 * M && r % 2 == 0 { memoryReads[t].append((r / 2, bytes[r])) }
            }
        }
    }
}
