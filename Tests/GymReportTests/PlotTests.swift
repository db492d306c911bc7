import Testing
@testable import GymReport

struct PlotTests {
    @Test func linearScale_widensToNiceTicks() {
        let s = Scale(.linear, lower: 3, upper: 397, pixels: (0, 100))
        #expect(s.domain == 0...400)
        #expect(s.ticks() == [0, 100, 200, 300, 400])
    }

    @Test func logScale_usesDecades_andAddsTwoAndFiveWhenTheRangeIsShort() {
        #expect(Scale(.log, lower: 1, upper: 500, pixels: (0, 1)).ticks() == [1, 10, 100, 1000])
        #expect(Scale(.log, lower: 1, upper: 10, pixels: (0, 1)).ticks() == [1, 2, 5, 10])
    }

    @Test func degenerateOrInvalidDomains_becomeAUsableInterval() {
        let flat = Scale(.linear, lower: 5, upper: 5, pixels: (0, 1))
        #expect(flat.domain.lowerBound < 5 && flat.domain.upperBound > 5)
        let log = Scale(.log, lower: -1, upper: 0, pixels: (0, 1))
        #expect(log.domain.lowerBound > 0)
        let nan = Scale(.linear, lower: .nan, upper: .infinity, pixels: (0, 1))
        #expect(nan.domain.lowerBound.isFinite && nan.domain.upperBound.isFinite)
    }

    @Test func invert_undoesMap_onBothKinds() {
        for kind in [Scale.Kind.linear, .log] {
            let s = Scale(kind, lower: 1, upper: 1000, pixels: (400, 40))
            for v in [1.0, 7, 250, 1000] { #expect(abs(s.invert(s.map(v)) - v) < 1e-9 * v) }
        }
    }

    @Test func tickLabels_useAsFewDigitsAsTheSpacingNeeds_andNoNegativeZero() {
        #expect(TickFormat.labels([-0.0, 0.5, 1]) == ["0.0", "0.5", "1.0"])
        #expect(TickFormat.labels([0, 100, 200]) == ["0", "100", "200"])
        #expect(TickFormat.labels([-2, -1, 0]) == ["−2", "−1", "0"])
        #expect(TickFormat.labels([0, 2e6, 4e6]) == ["0", "2e6", "4e6"])
    }

    @Test func textInTitlesAndLegends_isEscaped_soTheSVGStaysWellFormed() {
        var chart = Chart(title: "a < b & \"c\"", xLabel: "x", yLabel: "y")
        chart.marks = [.line(points: [LinePoint(1, 1), LinePoint(2, 3)], style: .series(0), step: false)]
        chart.legend = [LegendEntry("<agent>", style: .series(0), sample: .line)]
        let probe = XMLProbe.parse(chart.svg(id: "t"))
        #expect(probe.error == nil)
        #expect(probe.elements["path"] == 1)
    }

    @Test func stepLines_collapseRunsOfEqualValues_butKeepTheEnd() {
        let chart = Chart(title: "t", xLabel: "x", yLabel: "y")
        let (x, y) = chart.scales
        let points = (1...100).map { LinePoint(Double($0), $0 < 50 ? 1 : 2) }
        let d = chart.linePath(points, x: x, y: y, step: true)
        #expect(d.split(separator: " ").count == 6)   // M x y, H V (jump at 50), H V (end)
    }

    @Test func seriesStyles_differInColourOrDash_forTheFirstFourteen() {
        let styles = (0..<14).map(SeriesStyle.series)
        #expect(Set(styles).count == 14)
    }
}

struct LayoutTests {
    @Test func aLongLegend_growsTheCanvas_soEveryEntryIsInside() {
        var chart = Chart(title: "t", xLabel: "x", yLabel: "y")
        chart.legend = (0..<30).map { LegendEntry("agent \($0)", style: .series($0), sample: .line) }
        #expect(chart.canvasHeight >= chart.frame.top + 20 * 30)
        #expect(chart.svg(id: "t").contains("height=\"\(SVGText.px(chart.canvasHeight))\""))
    }

    @Test func figureLinks_areRelativeToTheHTMLFile() {
        #expect(Report.href(from: "/r/report.html", to: "/r/figures") == "figures")
        #expect(Report.href(from: "/r/out/report.html", to: "/r/figs") == "../figs")
        #expect(Report.href(from: "/r/report.html", to: "/r") == ".")
    }
}

struct ParityHookTests {
    struct Doubling: FigureSource {
        func figures(for group: CampaignGroup, options: ReportOptions) throws -> [Figure] {
            let measured = group.campaigns.flatMap(\.trials).compactMap(\.reward)
            return [ParityFigure.make(id: "\(group.slug)-parity", title: "Parity", quantity: "reward (1)",
                                      measured: measured, predicted: measured.map { $0 * 2 })]
        }
    }

    @Test func aFigureSource_addsItsFiguresAfterTheStandardOnes() throws {
        let db = try TestDatabase("hook")
        try db.campaign("a", trials: 20)
        let report = try Report.build(store: db.store, databasePath: db.store.path, sources: [Doubling()])
        #expect(report.figures[0].last?.kind == "parity")
        guard case .chart(let chart) = report.figures[0].last?.content else { Issue.record("no chart"); return }
        #expect(chart.xDomain == chart.yDomain)
        #expect(XMLProbe.parse(report.html).error == nil)
    }

    @Test func parityWithoutPairs_isAMessage() {
        guard case .message = ParityFigure.make(id: "p", title: "P", quantity: "q", measured: [], predicted: []).content else {
            Issue.record("expected a message"); return
        }
    }
}
