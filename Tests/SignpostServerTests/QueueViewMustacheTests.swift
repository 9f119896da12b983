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
}
