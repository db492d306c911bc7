import GymCore

/// One task of a workload (docs/references.md §9): its work on the A53, its
/// accelerator IP's cycles, energy and area values, and its loop iterations.
///
/// Work is counted in instructions, A53 cycles × 2 (the A53 retires two
/// instructions a cycle). A task with zero work is a dummy (FARSI's source,
/// sink and `dummy_last`): it completes the moment it launches and moves no
/// bytes itself, though its output still occupies memory until its children
/// finish, and its children still read it.
public struct SoCTask: Hashable, Sendable {
    public var name: String
    /// A53 cycles of one run.
    public var a53Cycles: Double
    /// Cycles of the task's own IP (loop unrolling 1) at 100 MHz, or nil when it has none.
    public var ipCycles: Double?
    /// FARSI's IP energy and area values (scaled in `HardwareDatabase`).
    public var ipEnergyValue: Double
    public var ipAreaValue: Double
    /// Loop iterations: the largest useful loop unrolling of its IP.
    public var iterations: Int

    public init(name: String, a53Cycles: Double, ipCycles: Double? = nil, ipEnergyValue: Double = 0,
                ipAreaValue: Double = 0, iterations: Int = 1) {
        self.name = name
        self.a53Cycles = a53Cycles
        self.ipCycles = ipCycles
        self.ipEnergyValue = ipEnergyValue
        self.ipAreaValue = ipAreaValue
        self.iterations = iterations
    }

    /// Instructions of one run (§9: A53 cycles × 2).
    public var work: Double { a53Cycles * 2 }
    public var isDummy: Bool { work == 0 }
    public var hasIP: Bool { ipCycles != nil && !isDummy }
}

/// Bytes a producer writes for one consumer (§9 "Task Data Movement").
public struct SoCEdge: Hashable, Sendable {
    public var from: Int
    public var to: Int
    public var bytes: Double

    public init(from: Int, to: Int, bytes: Double) {
        self.from = from
        self.to = to
        self.bytes = bytes
    }
}

/// The budgets FARSI's distance is measured against (§9).
public struct SoCBudgets: Hashable, Sendable {
    public var latency: Double
    public var power: Double
    public var area: Double

    public init(latency: Double, power: Double, area: Double) {
        self.latency = latency
        self.power = power
        self.area = area
    }
}

/// A workload: tasks in list order (the order of the design-space knobs and of
/// the processor queues), edges, the task whose completion is the latency, and budgets.
public struct TaskGraph: Hashable, Sendable {
    public var name: String
    public var tasks: [SoCTask]
    public var edges: [SoCEdge]
    public var lastTask: Int
    public var budgets: SoCBudgets
    /// Per task: indices into `edges` of its inputs and of its outputs.
    public let inputs: [[Int]]
    public let outputs: [[Int]]
    private let parentLists: [[Int]]
    private let childLists: [[Int]]
    private let outputTotals: [Double]

    public init(name: String, tasks: [SoCTask], edges: [SoCEdge], lastTask: Int, budgets: SoCBudgets) {
        self.name = name
        self.tasks = tasks
        self.edges = edges
        self.lastTask = lastTask
        self.budgets = budgets
        var ins = Array(repeating: [Int](), count: tasks.count), outs = ins
        for (i, e) in edges.enumerated() {
            ins[e.to].append(i)
            outs[e.from].append(i)
        }
        inputs = ins
        outputs = outs
        parentLists = ins.map { $0.map { edges[$0].from } }
        childLists = outs.map { $0.map { edges[$0].to } }
        outputTotals = outs.map { $0.reduce(0) { $0 + edges[$1].bytes } }
    }

    public func index(of name: String) -> Int? { tasks.firstIndex { $0.name == name } }

    public func parents(of t: Int) -> [Int] { parentLists[t] }
    public func children(of t: Int) -> [Int] { childLists[t] }
    /// Bytes a task writes for all its children: what it allocates at launch (§9 live memory).
    public func outputBytes(of t: Int) -> Double { outputTotals[t] }

    /// Tasks that have an IP, in list order (the accelerators a design may allocate).
    public var ipTasks: [Int] { tasks.indices.filter { tasks[$0].hasIP } }

    /// Stable digest of every number, for fingerprints.
    public var fingerprint: String {
        var text = "\(name);last=\(lastTask);b=\(budgets.latency),\(budgets.power),\(budgets.area)"
        for t in tasks {
            text += "|\(t.name),\(t.a53Cycles),\(t.ipCycles.map { "\($0)" } ?? "-"),\(t.ipEnergyValue),\(t.ipAreaValue),\(t.iterations)"
        }
        for e in edges { text += "|\(e.from)>\(e.to):\(e.bytes)" }
        return "\(name):" + Configuration(["g": .text(text)]).hashHex
    }
}
