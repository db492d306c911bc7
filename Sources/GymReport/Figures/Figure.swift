/// One figure of a report: a chart, or a message saying why there is
/// nothing to draw (an empty campaign, a single trial, no variance).
public struct Figure: Sendable {
    public enum Content: Sendable {
        case chart(Chart)
        case message(String)
    }

    /// Unique within a report; the standalone file is `<id>.svg`.
    public var id: String
    /// What kind of figure this is (`convergence`, `ecdf`, `lottery`, ...).
    public var kind: String
    public var title: String
    /// One or two sentences under the figure: what is plotted and how.
    public var caption: String
    public var content: Content

    public init(id: String, kind: String, title: String, caption: String, content: Content) {
        self.id = id
        self.kind = kind
        self.title = title
        self.caption = caption
        self.content = content
    }

    /// The figure as a standalone SVG document; a message becomes a small
    /// SVG with the title and the message, so every figure has a file.
    public var svg: String {
        switch content {
        case .chart(let chart): return chart.svg(id: id)
        case .message(let text):
            return """
                <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 860 120" width="860" height="120" role="img" \
                aria-labelledby="\(id)-title" font-family="\(Chart.fontFamily)" font-size="13">
                <title id="\(id)-title">\(SVGText.escape(title))</title>
                <rect width="100%" height="100%" fill="#ffffff" stroke="#cccccc"/>
                <text x="20" y="34" font-size="16" font-weight="bold">\(SVGText.escape(title))</text>
                <text x="20" y="70" fill="#8a4b00">\(SVGText.escape(text))</text>
                </svg>

                """
        }
    }
}

/// A provider of extra figures for a campaign group: the hook through which
/// later modules add figures without GymReport depending on them. The
/// proxy issue is expected to supply parity plots (predicted vs. measured
/// reward of a fitted surrogate) this way, built with `ParityFigure.make`.
public protocol FigureSource: Sendable {
    /// Figures for `group`, or none when this source has nothing to say about it.
    func figures(for group: CampaignGroup, options: ReportOptions) throws -> [Figure]
}

/// Options that change how figures are drawn.
public struct ReportOptions: Sendable {
    /// Log-scale trial axes (best-so-far, ECDF).
    public var logTrials: Bool
    /// Most non-front points drawn per agent in a Pareto scatter.
    public var maximumScatterPoints: Int

    public init(logTrials: Bool = false, maximumScatterPoints: Int = 1500) {
        self.logTrials = logTrials
        self.maximumScatterPoints = maximumScatterPoints
    }
}
