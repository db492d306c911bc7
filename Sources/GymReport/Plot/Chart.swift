/// A 2-D chart described as data: axes (labels with units, linear or log,
/// numeric or categorical x), marks, a legend and notes. `svg(id:)` draws it
/// as a standalone SVG document that can also be inlined in HTML.
///
///     var chart = Chart(title: "Best so far", xLabel: "trial", yLabel: "reward (1)")
///     chart.marks = [.line(points: [LinePoint(1, 0.2), LinePoint(2, 0.5)], style: .series(0), step: true)]
public struct Chart: Sendable {
    public var title: String
    public var xLabel: String
    public var yLabel: String
    public var xKind: Scale.Kind = .linear
    public var yKind: Scale.Kind = .linear
    /// Fixed data ranges; nil means "fit the marks".
    public var xDomain: ClosedRange<Double>?
    public var yDomain: ClosedRange<Double>?
    /// When non-empty, x is categorical: mark category `i` sits at `categories[i]`.
    public var categories: [String] = []
    public var marks: [Mark] = []
    public var legend: [LegendEntry] = []
    /// Short lines printed under the plot (sample sizes, reference points).
    public var notes: [String] = []
    public var width = 860.0
    /// Drawing height; grows to fit a long legend (see `canvasHeight`).
    public var height = 440.0

    public init(title: String, xLabel: String, yLabel: String) {
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
    }

    /// Pixel layout of the plot area.
    struct Frame {
        var left, top, right, bottom: Double
    }

    var legendWidth: Double { legend.isEmpty ? 0 : 250 }

    var categoryLabelsRotated: Bool {
        guard !categories.isEmpty else { return false }
        let room = (width - 90 - legendWidth) / Double(categories.count)
        return categories.contains { Double($0.count) * 7 > room }
    }

    /// `height`, or more when the legend needs it.
    var canvasHeight: Double {
        max(height, 44 + 20 * Double(legend.count) + 90 + 16 * Double(notes.count))
    }

    var frame: Frame {
        let labelRoom = categoryLabelsRotated ? min(110, 6.5 * Double(categories.map(\.count).max() ?? 0) + 10) : 0
        return Frame(left: 84, top: 44, right: width - 24 - legendWidth,
                     bottom: canvasHeight - 58 - labelRoom - 16 * Double(notes.count))
    }

    /// The scales the chart is drawn with (domains fitted to the marks).
    public var scales: (x: Scale, y: Scale) {
        let f = frame
        let x: Scale
        if !categories.isEmpty {
            x = Scale(.linear, lower: -0.5, upper: Double(categories.count) - 0.5, pixels: (f.left, f.right), nice: false)
        } else if let d = xDomain {
            x = Scale(xKind, lower: d.lowerBound, upper: d.upperBound, pixels: (f.left, f.right), nice: false)
        } else {
            let r = dataRange(\.x)
            x = Scale(xKind, lower: r.lowerBound, upper: r.upperBound, pixels: (f.left, f.right))
        }
        let y: Scale
        if let d = yDomain {
            y = Scale(yKind, lower: d.lowerBound, upper: d.upperBound, pixels: (f.bottom, f.top), nice: false)
        } else {
            let r = dataRange(\.y)
            y = Scale(yKind, lower: r.lowerBound, upper: r.upperBound, pixels: (f.bottom, f.top))
        }
        return (x, y)
    }

    private struct Extent { var x: [Double] = []; var y: [Double] = [] }

    private func dataRange(_ axis: KeyPath<Extent, [Double]>) -> ClosedRange<Double> {
        var e = Extent()
        for mark in marks {
            switch mark {
            case .line(let points, _, _, _):
                e.x += points.map(\.x); e.y += points.compactMap(\.y)
            case .band(let x, let lower, let upper, _, _):
                e.x += x; e.y += lower.compactMap { $0 } + upper.compactMap { $0 }
            case .points(let x, let y, _, _, _, _):
                e.x += x; e.y += y
            case .box(_, let s, let values, _):
                e.y += [s.minimum, s.maximum] + values
            case .bar(_, let v, _):
                e.y += [0, v]
            case .horizontalRule(let y, _, _):
                e.y.append(y)
            case .diagonal:
                break
            }
        }
        let kind = axis == \Extent.x ? xKind : yKind
        let values = e[keyPath: axis].filter { $0.isFinite && (kind == .linear || $0 > 0) }
        guard let lo = values.min(), let hi = values.max() else { return 0...1 }
        return lo...hi
    }
}
