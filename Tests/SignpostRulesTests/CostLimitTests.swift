import SignpostRules
import SignpostTestSupport
import Testing

/// `[0, 1, …, 9]` nested `depth` times around `innermost`, with `macro`.
private func nested(_ depth: Int, _ macro: String, _ innermost: String) -> String {
  let digits = "[0, 1, 2, 3, 4, 5, 6, 7, 8, 9]"
  var text = innermost
  for level in (0..<depth).reversed() {
    text = "\(digits).\(macro)(v\(level), \(text))"
  }
  return text
}

/// A copy of the tiny pack whose one education indicator's `when` is `expression`.
private func packWithWhen(_ expression: String) throws -> PackFixture {
  try PackFixture(edits: [
    "indicators/education.yaml": replacing(
      "when: attendance <= 90.0", with: "when: attendance <= 90.0 && \(expression)")
  ])
}

/// Eight nested `all`s over ten numbers passed `validate` and then took 10⁸ steps a person;
/// seven nested `map`s built 10⁷ elements (900 MB). Each is an error at its outermost
/// comprehension.
@Test(arguments: [
  (
    nested(8, "all", "v7 >= 0"), "9:64", "may take",
    "steps per person, over the limit of 100000000"
  ),
  (
    "size(\(nested(7, "map", "v6"))) > 0", "9:69", "may build",
    "list elements per person, over the limit of 1000000"
  ),
])
func costlyNestingIsAnErrorAtTheOutermostComprehension(
  expression: String, position: String, verb: String, limit: String
) throws {
  let fixture = try packWithWhen(expression)
  defer { fixture.remove() }
  let text = fixture.diagnostics()
  #expect(
    text.hasPrefix(
      "PACK/indicators/education.yaml:\(position): error: indicator persistent_absence when \(verb)"
    ), "\(text)")
  #expect(text.contains(limit))
}

/// Nesting within the limits compiles, and every expression has an estimate.
@Test func modestNestingCompilesWithAnEstimate() throws {
  let fixture = try packWithWhen(nested(3, "all", "v2 >= 0"))
  defer { fixture.remove() }
  let pack = try fixture.compile().get()
  let cost = try #require(pack.costs.first { $0.name == "indicator persistent_absence when" })
  #expect(cost.cost > 1000 && cost.cost < 100_000)
  #expect(pack.costs.count == 9)
}
