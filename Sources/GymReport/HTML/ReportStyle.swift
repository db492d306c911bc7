/// The report's inline CSS: readable on screen and in print (A4/Letter),
/// figures never split across pages.
enum ReportStyle {
    static let css = """
        body { font-family: "DejaVu Sans", Helvetica, Arial, sans-serif; color: #1a1a1a; margin: 24px auto; max-width: 1180px; padding: 0 16px; line-height: 1.45; }
        h1 { font-size: 26px; margin: 0 0 4px 0; }
        h2 { font-size: 20px; margin: 32px 0 8px 0; border-bottom: 1px solid #cccccc; padding-bottom: 4px; }
        p.meta { color: #555555; margin: 0 0 12px 0; font-size: 14px; }
        nav ul { margin: 4px 0 0 0; padding-left: 20px; font-size: 14px; }
        table { border-collapse: collapse; font-size: 12.5px; width: 100%; }
        th, td { border: 1px solid #d4d4d4; padding: 4px 6px; text-align: left; vertical-align: top; }
        th { background: #f2f2f2; }
        td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
        td code, p.meta code { font-size: 11.5px; word-break: break-all; }
        .table-wrap { overflow-x: auto; }
        figure { margin: 20px 0; page-break-inside: avoid; break-inside: avoid; }
        figure svg { max-width: 100%; height: auto; border: 1px solid #e4e4e4; }
        figcaption { font-size: 13.5px; color: #333333; max-width: 780px; margin-top: 4px; }
        figcaption a { color: #555555; }
        .objective { font-size: 14px; color: #333333; }
        @media print {
          body { margin: 0; max-width: none; padding: 0; }
          nav { display: none; }
          h2, p.objective, p.meta { page-break-after: avoid; break-after: avoid; }
          .table-wrap { overflow: visible; }
          table { font-size: 7pt; }
          th, td { padding: 2px 3px; overflow-wrap: break-word; }
          .screen-only { display: none; }
          tr { page-break-inside: avoid; break-inside: avoid; }
        }
        """
}
