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
