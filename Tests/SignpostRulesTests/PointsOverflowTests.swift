import SignpostRules
import SignpostTestSupport
import Testing

private let huge = "points: 5000000000000000000"
private let hugeCap = "cap: 9000000000000000000 }"

/// Points whose sum overflows 64 bits are rejected where they are written; caps whose capped
/// total overflows, at the cap that tips it over.
@Test(arguments: [
  (
    [
      ("indicators/education.yaml", "points: 20", huge),
      ("indicators/police.yaml", "points: 30", huge),
      ("indicators/police.yaml", "domain: police", "domain: education"),
    ],
    "PACK/indicators/police.yaml:5:13: error: the points of domain 'education' would overflow"
  ),
  (
    [
      ("indicators/education.yaml", "points: 20", huge),
      ("indicators/police.yaml", "points: 30", huge),
      ("scoring.yaml", "cap: 30 }", hugeCap), ("scoring.yaml", "cap: 40 }", hugeCap),
    ],
    "PACK/scoring.yaml:3:46: error: the score would overflow when domain 'police'"
  ),
])
func sumsThatWouldOverflowAreRejectedAtTheirPosition(
  replacements: [(file: String, old: String, new: String)], expected: String
) throws {
  var edits: [String: @Sendable (String) -> String] = [:]
  for (file, old, new) in replacements {
    let earlier = edits[file] ?? { $0 }
    edits[file] = { replacing(old, with: new)(earlier($0)) }
  }
  let fixture = try PackFixture(edits: edits)
  defer { fixture.remove() }
  let text = fixture.diagnostics()
  #expect(text.contains(expected), "\(text)")
}

/// Large points and caps within 64 bits are accepted (the engines sum them in 64 bits).
@Test func largePointsAndCapsWithin64BitsCompile() throws {
  let fixture = try PackFixture(edits: [
    "indicators/education.yaml": replacing("points: 20", with: "points: 1500000000"),
    "scoring.yaml": replacing("cap: 30 }", with: "cap: 9999999999 }"),
  ])
  defer { fixture.remove() }
  #expect(fixture.diagnostics() == "")
}
