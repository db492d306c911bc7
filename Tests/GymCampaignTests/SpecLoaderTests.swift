import GymCampaign
import GymCore
import Testing

/// Spec files cannot make the loader hang or exhaust memory.
struct SpecLoaderTests {
    /// Nine nested anchors, each referencing the previous nine times: 9^9 values
    /// when expanded. It must be refused quickly, naming the file.
    @Test func aliasBombIsRefusedNamingTheFile() throws {
        var lines = ["environment: synthetic-branin", "a0: &a0 [x, x, x, x, x, x, x, x, x]"]
        for i in 1...8 {
            lines.append("a\(i): &a\(i) [" + Array(repeating: "*a\(i - 1)", count: 9).joined(separator: ", ") + "]")
        }
        let error = #expect(throws: SpecError.self) {
            try SpecLoader.parse(lines.joined(separator: "\n"), file: "bomb.yaml", baseDirectory: nil)
        }
        #expect(error?.file == "bomb.yaml")
        #expect(error?.message.contains("\(SpecLoader.maxValues)") == true)
    }

    @Test func aliasesWithinTheBudgetStillExpand() throws {
        let spec = try SpecLoader.parse("base: &b {x: 1, y: [2, 3]}\ncopy: *b\n", file: "ok.yaml", baseDirectory: nil)
        #expect(spec.values["copy"] == spec.values["base"])
        #expect(spec.values["copy"] == .object(["x": .number(1), "y": .array([.number(2), .number(3)])]))
    }
}
