import Foundation
import Testing
import GymCore
import GymStore
@testable import GymReport
import GymNumerics

struct ReportTests {
    /// Two agents × three seeds on a target objective, one agent with two
    /// settings, plus a pareto campaign group.
    func richDatabase() throws -> TestDatabase {
        let db = try TestDatabase("rich")
        for seed: UInt64 in 1...3 {
            try db.campaign("random-s\(seed)", seed: seed, trials: 40, objective: Objectives.target)
            for step in [1.0, 4.0] {
                try db.campaign("walker-\(Int(step))-s\(seed)", agent: "walker", seed: seed + 10, trials: 40,
                                objective: Objectives.target, hyperparameters: .object(["step": .number(step)]))
            }
            try db.campaign("nsga-s\(seed)", agent: "nsga2", seed: seed + 20, trials: 60, objective: Objectives.pareto)
        }
        return db
    }

    @Test func html_isWellFormedXML_withOneSVGPerExpectedFigure() throws {
        let report = try richDatabase().report()
        let probe = XMLProbe.parse(report.html)
        #expect(probe.error == nil)
        #expect(report.groups.count == 2)
        #expect(report.figures[0].map(\.kind) == ["convergence", "ecdf", "lottery", "importance"])
        #expect(report.figures[1].map(\.kind) == ["convergence", "pareto", "importance"])
        let ids = report.figures.joined().map(\.id)
        #expect(probe.figuresWithSVG == ids)
        #expect(probe.elements["svg"] == ids.count)
        #expect(probe.elements["script"] == nil)
        #expect(probe.elements["tr"] == 1 + 12)   // header + one row per campaign
    }

    @Test func lastPointOfEachBestSoFarCurve_equalsTheCampaignsBestReward() throws {
        let db = try TestDatabase("best")
        let a = try db.campaign("a", agent: "a", seed: 3, trials: 50)
        let b = try db.campaign("b", agent: "b", seed: 4, trials: 30)
        let report = try db.report()
        let figure = try #require(report.figures[0].first { $0.kind == "convergence" })
        guard case .chart(let chart) = figure.content else { Issue.record("no chart"); return }
        let lines = chart.marks.compactMap { mark -> [LinePoint]? in
            if case .line(let points, _, _, _) = mark { return points } else { return nil }
        }
        #expect(lines.count == 2)
        for (record, line) in zip([a, b], lines) {
            let stored = try db.store.storedTrials(of: record.id)
            let best = stored.compactMap(\.reward).max()!
            // Minimised metric: the figure plots latency = −reward.
            #expect(line.last?.y == -best)
            #expect(line.count == stored.count)
            // And the drawn path ends at that value's pixel.
            let path = try #require(SVGProbe.linePaths(figure.svg).dropFirst(lines.firstIndex(of: line)!).first)
            let lastY = try #require(SVGProbe.lastY(of: path))
            #expect(abs(lastY - chart.scales.y.map(-best)) < 0.01)
        }
    }

    @Test func medianCurve_matchesTheSeedsBestSoFar_atEveryTrial() throws {
        let db = try TestDatabase("median")
        let records = try (1...3).map { try db.campaign("s\($0)", seed: UInt64($0), trials: 25) }
        let curves = try records.map { BestSoFar.curve(try db.store.storedTrials(of: $0.id).map(\.reward)) }
        let band = BestSoFar.band(try records.map { (try db.store.storedTrials(of: $0.id).map(\.reward), false) })
        for t in 0..<25 {
            let values = curves.map { $0[t] }
            if values.contains(where: { $0 == nil }) { continue }
            #expect(band.median[t] == values.compactMap { $0 }.sorted()[1])
        }
    }

    @Test func emptyCampaign_degradesToMessages_andStillOneSVGPerFigure() throws {
        let db = try TestDatabase("empty")
        try db.campaign("empty", trials: 0, objective: Objectives.target)
        let report = try db.report()
        let figures = report.figures.joined()
        #expect(!figures.isEmpty)
        for f in figures {
            guard case .message(let text) = f.content else { Issue.record("\(f.id) drew a chart for no trials"); continue }
            #expect(text.contains("No trials") || text.contains("trial"))
        }
        let probe = XMLProbe.parse(report.html)
        #expect(probe.error == nil)
        #expect(probe.figuresWithSVG.count == figures.count)
    }

    @Test func singleTrialCampaign_drawsOnePoint_andExplainsWhatItCannotDraw() throws {
        let db = try TestDatabase("single")
        // The first seed whose single random trial is feasible.
        var rng = SplitMix64(seed: 0)
        let seed = try #require((1...50).first { s in
            rng = SplitMix64(seed: UInt64(s))
            return (try? db.env.evaluate(db.env.designSpace.sample(using: &rng)))?.feasible == true
        })
        try db.campaign("one", seed: UInt64(seed), trials: 1)
        let report = try db.report()
        let convergence = try #require(report.figures[0].first { $0.kind == "convergence" })
        guard case .chart(let chart) = convergence.content else { Issue.record("no chart"); return }
        #expect(chart.marks.contains { if case .points = $0 { return true } else { return false } })
        let importance = try #require(report.figures[0].first { $0.kind == "importance" })
        guard case .message(let text) = importance.content else { Issue.record("importance from one trial"); return }
        #expect(text.contains("at least"))
        #expect(XMLProbe.parse(report.html).error == nil)
    }

    @Test func campaignWithOnlyInfeasibleTrials_saysSoInsteadOfPlotting() throws {
        let db = try TestDatabase("infeasible")
        let record = try db.store.createCampaign(CampaignRecord(
            name: "bad", environment: db.env, environmentSpec: .object([:]), environmentSpecFile: nil,
            objective: Objectives.pareto, agent: "random", hyperparameters: .object([:]), seed: 1,
            budget: Budget(trials: 2), jobs: 1))
        let c = Configuration(["policy": .text("open"), "depth": .int(8), "clock": .real(1)])
        try db.store.writer(for: record).append((0..<2).map {
            Trial(index: $0, batch: 0, configuration: c, metrics: .infeasible("depth 8 does not fit"), reward: nil,
                  reason: "depth 8 does not fit", cacheHit: false, evalSeconds: 0)
        })
        let report = try db.report()
        for f in report.figures.joined() {
            guard case .message = f.content else { Issue.record("\(f.id) drew a chart without feasible trials"); continue }
        }
        #expect(XMLProbe.parse(report.html).error == nil)
    }

    @Test func unknownCampaignName_isASpecErrorListingTheAvailableOnes() throws {
        let db = try TestDatabase("names")
        try db.campaign("known", trials: 3)
        #expect {
            try db.report(names: ["missing"])
        } throws: { error in
            "\(error)".contains("missing") && "\(error)".contains("known")
        }
        #expect(try db.report(names: ["known"]).campaigns.count == 1)
    }

    @Test func write_putsEveryFigureInTheFolder_andTheSameDatabaseGivesTheSameBytes() throws {
        let db = try richDatabase()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("dsegym-report-\(UUID().uuidString)")
        let html = folder.appendingPathComponent("report.html").path
        let figures = folder.appendingPathComponent("figures").path
        let report = try db.report()
        let written = try report.write(html: html, figures: figures)
        #expect(written.count == 1 + report.figures.joined().count + 1)
        for f in report.figures.joined() {
            let text = try String(contentsOfFile: "\(figures)/\(f.id).svg", encoding: .utf8)
            #expect(XMLProbe.parse(text).error == nil)
            #expect(text.contains("<title"))
        }
        let saved = try String(contentsOfFile: html, encoding: .utf8)
        #expect(saved.contains("href=\"figures/"))
        #expect(try db.report().html == report.html)
        let summary = try String(contentsOfFile: "\(figures)/campaigns.csv", encoding: .utf8)
        #expect(summary.split(separator: "\n").count == 1 + 12)
    }

    @Test func paretoFigure_drawsEachAgentsFront_withAPositiveHypervolume() throws {
        let db = try TestDatabase("pareto")
        try db.campaign("p", agent: "nsga2", trials: 80, objective: Objectives.pareto)
        let report = try db.report()
        let figure = try #require(report.figures[0].first { $0.kind == "pareto" })
        guard case .chart(let chart) = figure.content else { Issue.record("no chart"); return }
        let label = try #require(chart.legend.first?.label)
        #expect(label.hasPrefix("nsga2: HV "))
        #expect(!label.hasSuffix("HV 0"))
    }
}
