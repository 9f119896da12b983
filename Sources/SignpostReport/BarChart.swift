/// A horizontal bar chart drawn as inline SVG: one row per bar, each bar one or more
/// stacked segments, the label on the left and the total on the right.
struct BarChart {
  /// One coloured part of a bar; `style` is a CSS class defined by the report's stylesheet.
  struct Segment {
    var value: Int
    var style: String
  }

  /// One row of the chart.
  struct Bar {
    var label: String
    var segments: [Segment]

    init(_ label: String, _ value: Int, style: String) {
      self.label = label
      segments = [Segment(value: value, style: style)]
    }

    init(_ label: String, segments: [Segment]) {
      self.label = label
      self.segments = segments
    }

    var total: Int { segments.reduce(0) { $0 + $1.value } }
  }

  /// Names the chart for assistive technology and for tests: `bands`, `referrals`, ...
  var id: String
  var title: String
  var bars: [Bar]
  /// Pairs of (label, style) drawn under the chart, for stacked bars.
  var legend: [(String, String)] = []

  private let width = 640
  private let labelWidth = 230
  private let valueWidth = 60
  private let rowHeight = 26
  private let barHeight = 18

  /// The chart as an `<svg>` element.
  var svg: String {
    let legendHeight = legend.isEmpty ? 0 : 24
    let height = max(1, bars.count) * rowHeight + 8 + legendHeight
    let plotWidth = width - labelWidth - valueWidth
    let largest = max(1, bars.map(\.total).max() ?? 0)
    var out =
      "<svg class=\"chart\" id=\"chart-\(HTMLText.escape(id))\" role=\"img\" "
      + "aria-labelledby=\"chart-\(HTMLText.escape(id))-title\" "
      + "viewBox=\"0 0 \(width) \(height)\" width=\"\(width)\" height=\"\(height)\" "
      + "xmlns=\"http://www.w3.org/2000/svg\">"
    out += "<title id=\"chart-\(HTMLText.escape(id))-title\">\(HTMLText.escape(title))</title>"
    if bars.isEmpty {
      out += "<text x=\"0\" y=\"18\" class=\"label\">nothing to show</text>"
    }
    for (row, bar) in bars.enumerated() {
      let y = 4 + row * rowHeight
      let textY = y + barHeight - 4
      out +=
        "<text x=\"\(labelWidth - 8)\" y=\"\(textY)\" class=\"label\" text-anchor=\"end\">"
        + HTMLText.escape(Self.clip(bar.label)) + "</text>"
      var x = labelWidth
      for segment in bar.segments where segment.value > 0 {
        let w = max(1, segment.value * plotWidth / largest)
        out +=
          "<rect x=\"\(x)\" y=\"\(y)\" width=\"\(w)\" height=\"\(barHeight)\" "
          + "class=\"\(HTMLText.escape(segment.style))\"><title>"
          + HTMLText.escape("\(bar.label): \(segment.value)") + "</title></rect>"
        x += w
      }
      out +=
        "<text x=\"\(x + 6)\" y=\"\(textY)\" class=\"value\">\(bar.total)</text>"
    }
    if !legend.isEmpty {
      var x = labelWidth
      let y = max(1, bars.count) * rowHeight + 12
      for (label, style) in legend {
        out +=
          "<rect x=\"\(x)\" y=\"\(y)\" width=\"12\" height=\"12\" class=\"\(HTMLText.escape(style))\"/>"
          + "<text x=\"\(x + 16)\" y=\"\(y + 11)\" class=\"legend\">\(HTMLText.escape(label))</text>"
        x += 36 + label.count * 8
      }
    }
    return out + "</svg>"
  }

  /// Labels longer than the label column are cut with an ellipsis.
  private static func clip(_ label: String) -> String {
    label.count <= 30 ? label : String(label.prefix(29)) + "…"
  }
}
