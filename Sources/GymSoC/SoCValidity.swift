/// Why a design cannot be built or run: the rule it breaks and the detail.
/// ArchGym simulates such designs anyway (its early returns are commented
/// out); here they are infeasible, with the rule named (docs/references.md §9).
public struct SoCViolation: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Rule: String, Sendable, CaseIterable {
        // §9's validity rules
        case processorRequired = "at-least-one-processor"
        case memoryRequired = "at-least-one-memory"
        case busRequired = "at-least-one-bus"
        case busToMemoryLinkRequired = "at-least-one-bus-to-memory-link"
        case memoryOnOneBus = "memory-on-at-most-one-bus"
        case busSelfLink = "no-bus-linked-to-itself"
        case compatibleProcessor = "task-on-compatible-processor"
        // Ours: what a simulation needs to mean anything
        case absentBlock = "link-or-mapping-to-empty-slot"
        case route = "task-reaches-its-memories"
    }

    public var rule: Rule
    public var detail: String

    public var description: String { "\(rule.rawValue): \(detail)" }
}

extension SoCDesign {
    /// The first rule the design breaks on `graph`, or nil when it is valid.
    public func violation(on graph: TaskGraph) -> SoCViolation? {
        func broken(_ rule: SoCViolation.Rule, _ detail: String) -> SoCViolation { SoCViolation(rule: rule, detail: detail) }
        func present<T>(_ slots: [T?], _ i: Int?) -> Bool { i.map { slots.indices.contains($0) && slots[$0] != nil } ?? true }

        if processors.allSatisfy({ $0 == nil }) { return broken(.processorRequired, "every processor slot is empty") }
        if memories.allSatisfy({ $0 == nil }) { return broken(.memoryRequired, "every memory slot is empty") }
        if buses.allSatisfy({ $0 == nil }) { return broken(.busRequired, "every bus slot is empty") }

        for (p, proc) in processors.enumerated() where proc != nil && !present(buses, processorBus[p]) {
            return broken(.absentBlock, "pe \(p) is connected to bus \(processorBus[p]), an empty slot")
        }
        for (b, bus) in buses.enumerated() where bus != nil {
            if !present(buses, busLink[b]) { return broken(.absentBlock, "bus \(b) is linked to bus \(busLink[b]!), an empty slot") }
            if !present(memories, busMemory[b]) { return broken(.absentBlock, "bus \(b) is linked to memory \(busMemory[b]!), an empty slot") }
        }
        let links = buses.indices.filter { buses[$0] != nil && busMemory[$0] != nil }
        if links.isEmpty { return broken(.busToMemoryLinkRequired, "no bus is linked to a memory") }
        for m in memories.indices where memories[m] != nil {
            let on = links.filter { busMemory[$0] == m }
            if on.count > 1 { return broken(.memoryOnOneBus, "memory \(m) is on buses \(on.map(String.init).joined(separator: " and "))") }
        }
        for b in buses.indices where buses[b] != nil && busLink[b] == b {
            return broken(.busSelfLink, "bus \(b) is linked to itself")
        }
        for (t, task) in graph.tasks.enumerated() {
            let p = taskProcessor[t], m = taskMemory[t]
            guard present(processors, p) else { return broken(.absentBlock, "task \(task.name) is mapped to pe \(p), an empty slot") }
            guard present(memories, m) else { return broken(.absentBlock, "task \(task.name) writes to memory \(m), an empty slot") }
            if case .ip(let owner, _, _)? = processors[p], owner != t {
                return broken(.compatibleProcessor, "task \(task.name) is mapped to pe \(p), the IP of \(graph.tasks[owner].name)")
            }
        }
        let routes = routeTable()
        for (t, task) in graph.tasks.enumerated() where !task.isDummy {
            let p = taskProcessor[t]
            var needed = graph.parents(of: t).map { taskMemory[$0] }
            if graph.outputBytes(of: t) > 0 { needed.append(taskMemory[t]) }
            for m in needed where routes[p][m] == nil {
                return broken(.route, "task \(task.name) on pe \(p) has no bus path to memory \(m)")
            }
        }
        return nil
    }
}
