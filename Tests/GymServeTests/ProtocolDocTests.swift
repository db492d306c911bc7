import Foundation
import Testing

/// The example session of docs/protocol.md, run through `dsegym serve`: every
/// response the document shows in full is what the server answers.
struct ProtocolDocTests {
    @Test func exampleSession_answersAsDocumented() throws {
        let doc = try String(contentsOf: Support.packageRoot.appendingPathComponent("docs/protocol.md"), encoding: .utf8)
        let example = try #require(doc.components(separatedBy: "## Example session").last)
        let lines = example.split(separator: "\n").map(String.init)
        let database = "\(Support.temporaryFolder())/mine.sqlite"
        let requests = lines.filter { $0.hasPrefix("→ ") }.map { $0.dropFirst(2).replacingOccurrences(of: "results/mine.sqlite", with: database) }
        let documented = lines.filter { $0.hasPrefix("← ") }.map { String($0.dropFirst(2)) }
        #expect(requests.count == 7 && documented.count == requests.count)
        let out = try Support.run(["serve"], input: requests.joined(separator: "\n") + "\n")
        #expect(out.status == 0, "\(out.stderr)")
        let answered = out.stdout.split(separator: "\n").map(String.init)
        #expect(answered.count == documented.count)
        for (shown, actual) in zip(documented, answered) {
            let got = Support.object(actual)
            if shown.contains("…") {
                let id = try #require(Support.object(String(shown.prefix { $0 != "," }) + "}")["id"])
                #expect(Support.json(got["id"]!) == Support.json(id))
                #expect(got["result"] != nil, "\(actual)")
            } else {
                #expect(Support.json(got) == Support.json(Support.object(shown)), "documented \(shown)\nanswered \(actual)")
            }
        }
    }
}
