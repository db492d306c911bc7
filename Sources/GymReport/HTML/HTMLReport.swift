/// The report as one self-contained XHTML-compatible HTML page: inline CSS
/// and SVG, no scripts, no network, every element closed so that it also
/// parses as XML.
extension Report {
    public var html: String { html(figuresHref: "figures") }

    /// The page, linking each figure's SVG file under `figuresHref`.
    public func html(figuresHref: String) -> String {
        var out = """
            <!DOCTYPE html>
            <html xmlns="http://www.w3.org/1999/xhtml" lang="en">
            <head>
            <meta charset="utf-8"/>
            <title>\(SVGText.escape(title))</title>
            <style>
            \(ReportStyle.css)
            </style>
            </head>
            <body>
            <header>
            <h1>\(SVGText.escape(title))</h1>
            <p class="meta">Database <code>\(SVGText.escape(databasePath))</code> · \(campaigns.count) campaign(s) · \
            \(campaigns.reduce(0) { $0 + $1.trials.count }) trials · made by dsegym \(campaigns.first?.record.toolVersion ?? "")</p>
            </header>

            """
        out += navigation()
        out += "<section id=\"campaigns\">\n<h2>Campaigns</h2>\n" + CampaignTable.html(campaigns) + "</section>\n"
        for (group, figures) in zip(groups, figures) {
            out += "<section id=\"\(group.slug)\" class=\"group\">\n"
            out += "<h2>\(SVGText.escape(group.label))</h2>\n"
            out += "<p class=\"objective\">Objective: \(SVGText.escape(group.objective.summary)) · rewards are maximised · "
                + "\(group.campaigns.count) campaign(s), agents: \(SVGText.escape(group.agents.joined(separator: ", ")))</p>\n"
            out += "<p class=\"meta\">Fingerprint <code>\(SVGText.escape(group.fingerprint))</code>"
                + (group.specFiles.isEmpty ? "" : " · spec \(group.specFiles.map { "<code>\(SVGText.escape($0))</code>" }.joined(separator: ", "))")
                + "</p>\n"
            for f in figures { out += figure(f, href: figuresHref) }
            out += "</section>\n"
        }
        return out + "</body>\n</html>\n"
    }

    private func navigation() -> String {
        guard !groups.isEmpty else { return "" }
        var out = "<nav><strong>Contents</strong><ul>\n<li><a href=\"#campaigns\">Campaigns</a></li>\n"
        for (group, figures) in zip(groups, figures) {
            out += "<li><a href=\"#\(group.slug)\">\(SVGText.escape(group.label))</a>: "
                + figures.map { "<a href=\"#\($0.id)\">\(SVGText.escape($0.kind))</a>" }.joined(separator: " · ") + "</li>\n"
        }
        return out + "</ul></nav>\n"
    }

    private func figure(_ f: Figure, href: String) -> String {
        "<figure id=\"\(f.id)\" data-kind=\"\(f.kind)\">\n" + f.svg
            + "<figcaption>\(SVGText.escape(f.caption)) <a href=\"\(SVGText.escape(href))/\(f.id).svg\">\(f.id).svg</a></figcaption>\n</figure>\n"
    }
}
