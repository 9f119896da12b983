import Foundation
import SignpostFairness

/// A forest plot of relative rate indices drawn as inline SVG: one row per group, a dot at the
/// index and a line across its 95% interval on a log scale, the pack's range shaded and 1
/// marked; flagged groups in red.
struct RateRatioChart {
  /// One group's index for one outcome.
  struct Row {
    var label: String
    var ratio: Double
    var lower: Double
    var upper: Double
    var flagged: Bool
  }

  var id: String
  var title: String
  var rows: [Row]
  var range: ClosedRange<Double>

  private let width = 640
  private let labelWidth = 300
  private let rowHeight = 22
  /// The axis runs from 1/`span` to `span`.
  private let span = 20.0

  /// The chart as an `<svg>` element.
  var svg: String {
    let axisHeight = 24
    let height = max(1, rows.count) * rowHeight + axisHeight + 8
    let plotWidth = Double(width - labelWidth - 16)
    func x(_ value: Double) -> Int {
      let clamped = min(max(value, 1 / span), span)
      return labelWidth + Int(((log(clamped) + log(span)) / (2 * log(span)) * plotWidth).rounded())
    }
    let chartID = "chart-" + HTMLText.escape(id)
    var out =
      "<svg class=\"chart\" id=\"\(chartID)\" role=\"img\" aria-labelledby=\"\(chartID)-title\" "
      + "viewBox=\"0 0 \(width) \(height)\" width=\"\(width)\" height=\"\(height)\" "
      + "xmlns=\"http://www.w3.org/2000/svg\">"
    out += "<title id=\"\(chartID)-title\">\(HTMLText.escape(title))</title>"
    let plotBottom = max(1, rows.count) * rowHeight + 4
    out +=
      "<rect x=\"\(x(range.lowerBound))\" y=\"0\" width=\"\(x(range.upperBound) - x(range.lowerBound))\" "
      + "height=\"\(plotBottom)\" class=\"rri-range\"/>"
    out += "<line x1=\"\(x(1))\" y1=\"0\" x2=\"\(x(1))\" y2=\"\(plotBottom)\" class=\"rri-one\"/>"
    if rows.isEmpty {
      out += "<text x=\"0\" y=\"16\" class=\"label\">no group has an index to show</text>"
    }
    for (n, row) in rows.enumerated() {
      let y = 4 + n * rowHeight + rowHeight / 2
      let style = row.flagged ? "rri-flagged" : "rri-group"
      let tip =
        "\(row.label): \(Self.ratio(row.ratio)) (\(Self.ratio(row.lower))-\(Self.ratio(row.upper)))"
      out +=
        "<text x=\"\(labelWidth - 8)\" y=\"\(y + 4)\" class=\"label\" text-anchor=\"end\">"
        + HTMLText.escape(row.label) + "</text>"
      out +=
        "<g class=\"\(style)\"><title>\(HTMLText.escape(tip))</title>"
        + "<line x1=\"\(x(row.lower))\" y1=\"\(y)\" x2=\"\(x(row.upper))\" y2=\"\(y)\"/>"
        + "<circle cx=\"\(x(row.ratio))\" cy=\"\(y)\" r=\"4\"/></g>"
    }
    for tick in [0.1, 0.25, 0.5, 1, 2, 4, 10] {
      out +=
        "<text x=\"\(x(tick))\" y=\"\(plotBottom + 16)\" class=\"legend\" text-anchor=\"middle\">"
        + "\(tick == tick.rounded() ? String(Int(tick)) : String(tick))</text>"
    }
    return out + "</svg>"
  }

  static func ratio(_ value: Double) -> String { String(format: "%.2f", value) }
}
