import Mustache
import Testing

@testable import SignpostServer

/// The queue view answers swift-mustache by name instead of by reflection: every stored
/// property must be reachable under its own name, with the value reflection would find.
@Suite struct QueueViewMustacheTests {
  static let row = QueueView.Row(
    rank: 3, personID: "P0007", band: "high", score: 42, reason: "school_exclusion (20)",
    status: "waitlisted", waitlisted: true, isNew: true, decision: "No decision yet",
    decided: false, latestDecision: nil, ward: "Ward A", school: "North High")
  static let view = QueueView(
    programmeID: "pied", programmeName: "PIED", route: "prevention", runID: 9, rows: [row],
    hidden: 1, hasHidden: true, bands: [QueueView.Option(value: "high", selected: true)],
    wards: [], schools: [], newOnly: false, canDecide: true, hasWard: true, hasSchool: false,
    hasRows: true)

  /// Each property as reflection sees it, against `child(named:)`.
  func expectEveryPropertyNamed(_ value: some MustacheParent) throws {
    let children = Mirror(reflecting: value).children
    #expect(!children.isEmpty)
    for child in children {
      let label = try #require(child.label)
      let reflected = Mirror(reflecting: child.value)
      let expected: Any? =
        reflected.displayStyle == .optional ? reflected.children.first?.value : child.value
      let named = value.child(named: label)
      #expect(
        named.map { String(describing: $0) } == expected.map { String(describing: $0) },
        "\(type(of: value)).\(label)")
    }
    #expect(value.child(named: "noSuchField") == nil)
  }

  @Test func everyPropertyIsNamed() throws {
    try expectEveryPropertyNamed(Self.view)
    try expectEveryPropertyNamed(Self.row)
    try expectEveryPropertyNamed(QueueView.Option(value: "high", selected: true))
  }

  @Test func rendersRowsWithThePageFieldsAroundThem() throws {
    let template = try MustacheTemplate(
      string: "{{#rows}}{{rank}} {{personID}}{{#hasWard}} {{ward}}{{/hasWard}};{{/rows}}")
    #expect(template.render(Self.view) == "3 P0007 Ward A;")
  }

  /// The queue page's rows, rendered by the `queue-row` template and kept, are escaped by
  /// swift-mustache, and a row that changes, or a page without wards, is rendered again.
  @Test func queueRowsAreEscapedAndRenderedAgainWhenTheyChange() throws {
    let renderer = try PageRenderer.load()
    var row = Self.row
    row.reason = "<script>alert('x')</script> & more"
    var view = Self.view
    view.rows = [row]
    let html = renderer.queueRows(of: view)
    #expect(html.count == 1)
    #expect(html[0].contains("<td>&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; more</td>"))
    #expect(!html[0].contains("<script>"))
    #expect(html[0].hasPrefix("<tr><td>3</td><td><a href=\"/people/P0007\">P0007</a></td>"))
    #expect(html[0].contains("<td>New</td><td>No decision yet</td><td>Ward A</td></tr>"))
    row.decision = "Accept (2026-12-01)"
    view.rows = [row]
    #expect(renderer.queueRows(of: view)[0].contains("<td>Accept (2026-12-01)</td>"))
    view.hasWard = false
    #expect(!renderer.queueRows(of: view)[0].contains("Ward A"))
  }

  /// A row is rendered once, then served from the cache; at its limit the cache starts over.
  @Test func rowCacheRendersEachRowOnceAndEmptiesAtItsLimit() {
    let cache = QueueRowCache(limit: 2)
    let first = QueueRowCache.Key(row: Self.row, hasWard: true, hasSchool: false)
    var second = first
    second.row.rank = 4
    var third = first
    third.row.decision = "Decline (2026-12-01)"
    var rendered: [Int] = []
    let render = { (key: QueueRowCache.Key) -> String in
      rendered.append(key.row.rank)
      return "row \(key.row.rank) \(key.row.decision)"
    }
    #expect(
      cache.html([first, second], render: render) == [
        "row 3 No decision yet", "row 4 No decision yet",
      ])
    #expect(
      cache.html([second, first], render: render) == [
        "row 4 No decision yet", "row 3 No decision yet",
      ])
    #expect(rendered == [3, 4])
    #expect(cache.html([third], render: render) == ["row 3 Decline (2026-12-01)"])
    #expect(rendered == [3, 4, 3])
    #expect(cache.count == 1)
  }
}
