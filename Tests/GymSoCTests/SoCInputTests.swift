import Foundation
import GymCampaign
import GymCore
@testable import GymSoC
import Testing

/// Bad task-graph files and settings give one clear error naming the file, line or key.
@Suite struct SoCInputTests {
    static let header = "last b\nbudget latency_s 1\nbudget power_W 1\nbudget area_m2 1\n"

    static func error(_ text: String) -> SpecError? {
        do { _ = try TaskGraph.parse(text, name: "t", file: "t.soc"); return nil } catch let e as SpecError { return e } catch { return nil }
    }

    @Test func aValidFileParses() throws {
        let g = try TaskGraph.parse(Self.header + "task a 10 5 1 1 2\ntask b 0 - - - 1\nedge a b 8\n", name: "t")
        #expect(g.tasks.map(\.name) == ["a", "b"])
        #expect(g.tasks[0].work == 20 && g.tasks[1].isDummy && g.lastTask == 1)
        #expect(g.outputBytes(of: 0) == 8)
    }

    @Test func errorsNameTheLineAndWhatIsAllowed() {
        let cases: [(String, String, String)] = [
        (Self.header + "tsk a 1 - - - 1\n", "line 5", "allowed: workload, last, budget, task, edge"),
        (Self.header + "task a x - - - 1\ntask b 0 - - - 1\n", "line 5", "not a non-negative number"),
        (Self.header + "task a 1 2 - - 1\ntask b 0 - - - 1\n", "line 5", "together"),
        (Self.header + "task a 1 - - - 1\ntask b 0 - - - 1\nedge a c 3\n", "line 7", "unknown task 'c'"),
        (Self.header + "task a 1 - - - 1\ntask b 1 - - - 1\nedge a b 3\nedge b a 3\n", "edge", "cycle"),
        ("last b\nbudget power_W 1\nbudget area_m2 1\ntask b 1 - - - 1\n", "budget", "latency_s"),
        (Self.header + "budget speed 3\ntask b 1 - - - 1\n", "line 5", "allowed: latency_s, power_W, area_m2"),
        (Self.header + "task a 1 - - - 0\ntask b 1 - - - 1\n", "line 5", "iterations"),
        ]
        for (text, key, message) in cases {
        let e = Self.error(text)
        #expect(e?.file == "t.soc" && e?.key == key && e?.message.contains(message) == true, "\(String(describing: e)) for \(text)")
        }
    }

    @Test func settingsAreChecked() throws {
        func build(_ settings: String) throws -> any Environment {
        let spec = try SpecLoader.parse("environment: soc\nsettings: \(settings)\n", file: "x.yaml",
                                         baseDirectory: SoCFixture.repository + "/environments")
        return try EnvironmentSpec(spec, knownKinds: Catalog.standard.environmentNames).build(Catalog.standard.environments).environment
        }
        #expect(throws: SpecError.self) { try build("{space: huge}") }
        #expect(throws: SpecError.self) { try build("{workload: nosuch}") }
        #expect(throws: SpecError.self) { try build("{power_budget_W: -1}") }
        #expect(throws: SpecError.self) { try build("{speed: 1}") }
        let rich = try build("{workload: edge_detection, space: rich}")
        #expect(rich.designSpace.parameters.count == 44 + 2 * 8)
        let limited = try build("{workload: hpvm_cava}")
        #expect(limited.designSpace.parameters.count == 36)
        #expect(try build("{workload: edge_detection}").designSpace.parameters.count == 34)
        #expect(rich.fingerprint != (try build("{workload: edge_detection, power_budget_W: 1}")).fingerprint)
    }
}
