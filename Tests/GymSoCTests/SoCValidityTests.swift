import GymCore
@testable import GymSoC
import Testing

/// Each validity rule makes a design infeasible with the rule named (docs/references.md §9).
@Suite struct SoCValidityTests {
    typealias F = SoCFixture

    static func environment() throws -> SoCEnvironment { SoCEnvironment(graph: try F.shipped("audio_decoder")) }

    /// The default configuration with some knobs changed, evaluated.
    static func reason(_ changes: [String: Int]) throws -> String? {
        let env = try environment()
        var c = env.designSpace.defaultConfiguration
        for (k, v) in changes { c = c.setting(k, to: .int(v)) }
        let m = try env.evaluate(c)
        return m.feasible ? nil : m.reason
    }

    @Test func theDefaultIsValid() throws {
        #expect(try Self.reason([:]) == nil)
    }

    @Test func atLeastOneBusToMemoryLink() throws {
        #expect(try Self.reason(["bus_to_mem_connection_0": -1])?.hasPrefix("at-least-one-bus-to-memory-link") == true)
    }

    @Test func eachMemoryOnAtMostOneBus() throws {
        #expect(try Self.reason(["bus_to_mem_connection_1": 0])?.hasPrefix("memory-on-at-most-one-bus") == true)
    }

    @Test func noBusLinkedToItself() throws {
        #expect(try Self.reason(["bus_to_bus_connection_1": 1])?.hasPrefix("no-bus-linked-to-itself") == true)
    }

    @Test func everyTaskOnACompatibleProcessor() throws {
        // Slot 1 is the IP of rotatorSet (the first task with one); psychoFilter (task 3) cannot run there.
        let reason = try Self.reason(["pe_allocation_1": 1, "task_to_pe_mapping_3": 1])
        #expect(reason?.hasPrefix("task-on-compatible-processor") == true, "\(reason ?? "feasible")")
        #expect(reason?.contains("rotatorSet") == true)
        // rotatorSet itself may run there.
        #expect(try Self.reason(["pe_allocation_1": 1, "task_to_pe_mapping_1": 1]) == nil)
    }

    @Test func everyTaskReachesItsMemories() throws {
        // Memory 1 is on no bus.
        let reason = try Self.reason(["task_to_mem_mapping_3": 1])
        #expect(reason?.hasPrefix("task-reaches-its-memories") == true, "\(reason ?? "feasible")")
        // Linked through bus 1 (on bus 0's link) it is reachable.
        #expect(try Self.reason(["task_to_mem_mapping_3": 1, "bus_to_mem_connection_1": 1, "bus_to_bus_connection_1": 0]) == nil)
    }

    @Test func atLeastOneProcessorMemoryAndBus() throws {
        let g = try F.shipped("audio_decoder")
        var d = SoCDesign.single(.a53, memory: .init(.dram), tasks: g.tasks.count)
        d.processors = [nil]
        #expect(d.violation(on: g)?.rule == .processorRequired)
        d = .single(.a53, memory: .init(.dram), tasks: g.tasks.count)
        d.memories = [nil]
        #expect(d.violation(on: g)?.rule == .memoryRequired)
        d = .single(.a53, memory: .init(.dram), tasks: g.tasks.count)
        d.buses = [nil]
        #expect(d.violation(on: g)?.rule == .busRequired)
    }

    @Test func emptySlotsCannotBeUsed() throws {
        let env = SoCEnvironment(graph: try F.shipped("audio_decoder"), space: .rich)
        let c = env.designSpace.defaultConfiguration.setting("task_to_pe_mapping_2", to: .int(1))
        let m = try env.evaluate(c)
        #expect(m.reason?.hasPrefix("link-or-mapping-to-empty-slot") == true, "\(m.reason ?? "feasible")")
    }

    /// Every rule's name appears in some reason the environment gives.
    @Test func reasonsNameEveryRule() {
        let names = SoCViolation.Rule.allCases.map(\.rawValue)
        #expect(Set(names).count == names.count)
    }
}
