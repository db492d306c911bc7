import Foundation
import Testing

/// `report --proxy-model` adds one parity figure per modelled metric for the
/// campaigns on the model's environment, drawn from trials it never trained on.
struct ReportParityTests {
    @Test func report_withAProxyModel_drawsAParityFigurePerMetric_fromUnseenTrials() throws {
        let dir = CLI.temporaryFolder().path
        let db = "\(dir)/p.sqlite"
        let spec = "environments/synthetic-hartmann6.yaml"
        #expect(try CLI.run(["run", "--env", spec, "--agent", "random", "--trials", "400", "--seed", "1", "--db", db, "--name", "train"]).status == 0)
        let fit = try CLI.run(["proxy", "fit", "--db", db, "--name", "train", "--env", spec, "--model", "rf", "--trees", "8",
                               "--out", "\(dir)/m.json"])
        #expect(fit.status == 0, "\(fit.stderr)")
        #expect(try CLI.run(["run", "--env", spec, "--agent", "random-walker", "--trials", "150", "--seed", "2", "--db", db, "--name", "walk"]).status == 0)
        let out = try CLI.run(["report", "--db", db, "--out", "\(dir)/r.html", "--proxy-model", "\(dir)/m.json"])
        #expect(out.status == 0, "\(out.stderr)")
        let svg = try String(contentsOfFile: "\(dir)/figures/synthetic-hartmann6-v1-parity-value.svg", encoding: .utf8)
        #expect(svg.contains("Proxy parity"))
        // Held out: the 400 training configurations are excluded, so at most the walker's 150 remain.
        let count = try #require(svg.range(of: #"\((\d+) unseen trials\)"#, options: .regularExpression).map { String(svg[$0]) })
        let n = Int(count.dropFirst().split(separator: " ")[0])!
        #expect(n > 0 && n <= 150)
        let html = try String(contentsOfFile: "\(dir)/r.html", encoding: .utf8)
        #expect(html.contains("Proxy parity"))
    }
}
