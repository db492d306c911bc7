import Foundation
import GymCampaign
import GymCore
import Testing

/// A JSON number for a design parameter is read exactly as its `--set` text
/// would be: the same value, or the same error.
struct ParameterValueTests {
    static let numbers: [Double] = [0, -0.0, 1, -1, 2, 4, 8, 0.1, 0.5, 2.5, -8, 8.5, 1e15, 1e16, -1e18, 4.7e18, 9.3e18,
                                    1.1805916207174113e+21, 1e300, -1e300, 5e-324, 1e-7, 0x1p62, 0x1p63, 3.0000000000000004]

    func outcome(_ body: () throws -> ParameterValue) -> String {
        do { return "value \(try body())" } catch { return "error \(error)" }
    }

    @Test(arguments: ["environments/synthetic-ackley-mixed.yaml", "environments/synthetic-branin.yaml",
                      "environments/synthetic-hartmann6.yaml"])
    func aNumber_readsAsItsSetText(spec: String) throws {
        let loader = try EnvironmentLoader(path: Support.spec(spec))
        for p in loader.environment.designSpace.parameters {
            for n in Self.numbers {
                let fast = outcome { try loader.value(of: p.name, number: n) }
                let text = outcome { try loader.value(of: p.name, text: ParameterValue.format(n)) }
                #expect(fast == text, "\(p.name) = \(n)")
            }
        }
    }
}
