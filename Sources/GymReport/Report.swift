import Foundation
import GymCore
import GymStore

/// A results report: the campaigns of a database, grouped by environment and
/// objective, with their figures. Build it with `Report.build`, then write
/// `html` and each figure's `svg`. Output depends only on the database (no
/// clock), so the same database gives the same bytes.
///
///     let report = try Report.build(store: store, databasePath: "results/r.sqlite")
///     try report.write(html: "results/report.html", figures: "results/figures")
public struct Report: Sendable {
    public var title: String
    public var databasePath: String
    public var campaigns: [CampaignData]
    public var groups: [CampaignGroup]
    /// Figures per group, same order as `groups`.
    public var figures: [[Figure]]

    /// - Parameters:
    ///   - names: campaigns to include (all when empty).
    ///   - sources: extra figure providers (e.g. proxy parity plots).
    /// - Throws: `SpecError` for unknown campaign names; store errors.
    public static func build(store: TrialStore, databasePath: String, names: [String] = [],
                             options: ReportOptions = ReportOptions(), sources: [any FigureSource] = [],
                             title: String = "DSEGym results") throws -> Report {
        let campaigns = try CampaignData.load(from: store, names: names)
        let groups = CampaignGroup.group(campaigns)
        let figures = try groups.map { g in try Report.figures(for: g, options: options, sources: sources) }
        return Report(title: title, databasePath: databasePath, campaigns: campaigns, groups: groups, figures: figures)
    }

    /// The standard figures of one group, in reading order, then the sources' figures.
    public static func figures(for group: CampaignGroup, options: ReportOptions,
                               sources: [any FigureSource] = []) throws -> [Figure] {
        var out = [ConvergenceFigure.make(group, options: options)]
        if let f = TargetECDFFigure.make(group, options: options) { out.append(f) }
        out += LotteryFigure.make(group)
        if let f = ParetoFigure.make(group, options: options) { out.append(f) }
        if let f = ImportanceFigure.make(group) { out.append(f) }
        for s in sources { out += try s.figures(for: group, options: options) }
        return out
    }

    /// Writes the HTML file and every figure as `<figures>/<id>.svg`, plus
    /// `<figures>/campaigns.csv` (one row per campaign, for the notebooks).
    /// - Returns: the paths written.
    /// - Throws: `SpecError` naming a path that cannot be written.
    @discardableResult
    public func write(html path: String, figures folder: String) throws -> [String] {
        var written: [String] = []
        try Self.write(html(figuresHref: Self.href(from: path, to: folder)), to: path)
        written.append(path)
        for f in figures.flatMap({ $0 }) {
            let file = URL(fileURLWithPath: folder).appendingPathComponent("\(f.id).svg").path
            try Self.write(f.svg, to: file)
            written.append(file)
        }
        let summary = URL(fileURLWithPath: folder).appendingPathComponent("campaigns.csv").path
        try Self.write(CampaignSummaryCSV.csv(campaigns), to: summary)
        written.append(summary)
        return written
    }

    /// `folder` as a relative link from the HTML file's folder (`figures`, `../figs`).
    static func href(from htmlPath: String, to folder: String) -> String {
        let base = URL(fileURLWithPath: htmlPath).deletingLastPathComponent().standardizedFileURL.pathComponents
        let target = URL(fileURLWithPath: folder).standardizedFileURL.pathComponents
        var shared = 0
        while shared < min(base.count, target.count), base[shared] == target[shared] { shared += 1 }
        let parts = Array(repeating: "..", count: base.count - shared) + target[shared...]
        return parts.isEmpty ? "." : parts.joined(separator: "/")
    }

    static func write(_ text: String, to path: String) throws {
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        do {
            if !folder.isEmpty { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) }
            try text.write(toFile: path, atomically: true, encoding: .utf8)
        } catch {
            throw StoreError(.io, path: path, "cannot write: \(error.localizedDescription)")
        }
    }
}
