import Foundation
import GymCore
@testable import GymSoC

/// Small hand-made task graphs and designs for the simulator-rule tests.
enum SoCFixture {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
    static let budgets = SoCBudgets(latency: 0.021, power: 0.008737, area: 1.7475e-5)

    static func shipped(_ name: String) throws -> TaskGraph {
        try TaskGraph.load(name, relativeTo: repository + "/environments")
    }

    /// A graph from `(name, A53 cycles)` tasks and `(producer, consumer, bytes)` edges.
    static func graph(_ tasks: [(String, Double)], _ edges: [(String, String, Double)], last: String) -> TaskGraph {
        let list = tasks.map { SoCTask(name: $0.0, a53Cycles: $0.1, ipCycles: $0.1 > 0 ? $0.1 / 10 : nil,
                                       ipEnergyValue: 100, ipAreaValue: 1000, iterations: 4) }
        let index = { (n: String) in tasks.firstIndex { $0.0 == n }! }
        return TaskGraph(name: "test", tasks: list, edges: edges.map { SoCEdge(from: index($0.0), to: index($0.1), bytes: $0.2) },
                         lastTask: index(last), budgets: budgets)
    }

    static func close(_ x: Double, _ y: Double, _ tolerance: Double = 1e-9) -> Bool {
        abs(x - y) <= tolerance * max(abs(x), abs(y), 1e-30)
    }
}

extension SoCFixture {
    /// A random valid configuration of a limited space, built valid rather than
    /// filtered (random points are mostly invalid): buses chained so every bus
    /// reaches every other, each memory on its own bus, tasks only on processor
    /// slots in `processors` that can run them and memories in `memories`.
    static func validConfiguration(_ env: SoCEnvironment, _ rng: inout SplitMix64,
                                   processors: [Int] = [0, 1, 2], memories: [Int] = [0, 1, 2]) -> Configuration {
        func pick<T>(_ xs: [T]) -> T { xs[Int(rng.next() % UInt64(xs.count))] }
        var c = env.designSpace.sample(using: &rng)
        func set(_ k: String, _ v: Int) { c = c.setting(k, to: .int(v)) }
        set("bus_to_bus_connection_0", pick([-1, 1, 2]))
        set("bus_to_bus_connection_1", 0)
        set("bus_to_bus_connection_2", pick([0, 1]))
        var order = [0, 1, 2]
        for i in stride(from: 2, to: 0, by: -1) { order.swapAt(i, Int(rng.next() % UInt64(i + 1))) }
        for b in 0..<3 { set("bus_to_mem_connection_\(b)", order[b]) }
        if !processors.contains(where: { c.int("pe_allocation_\($0)") == 0 }) { set("pe_allocation_\(processors[0])", 0) }
        let ip = env.graph.ipTasks.first
        for t in env.graph.tasks.indices {
            let allowed = processors.filter { c.int("pe_allocation_\($0)") == 0 || t == ip }
            set("task_to_pe_mapping_\(t)", pick(allowed))
            set("task_to_mem_mapping_\(t)", pick(memories))
        }
        return c
    }
}
