import Foundation
import SignpostTestSupport
import Testing

/// `cap: 9999999999` and 1,500,000,000-point indicators crashed `score` (SIGILL).
@Test func scoreWithPointsAndCapsBeyond32BitsExitsCleanly() throws {
  let folder = try TemporaryFolder()
  defer { folder.remove() }
  let fixture = try PackFixture(edits: [
    "scoring.yaml": replacing("cap: 30 }", with: "cap: 9999999999 }"),
    "indicators/education.yaml": replacing("points: 20", with: "points: 1500000000"),
  ])
  defer { fixture.remove() }
  let pack = fixture.directory.path
  let input = try folder.write("input", TwoDays.day1)
  let result = try SignpostBinary.run(
    ["score", "--pack", pack, "--input", input, "--as-of", "2025-04-01", "--out", "out"],
    in: folder.path)
  #expect(result.status == 0, "\(result.stderr)")
  let scores = try String(contentsOfFile: folder.path + "/out/scores.csv", encoding: .utf8)
  #expect(scores.contains(",1500000000,"), "\(scores)")
}

/// `validate --cost` lists every expression's estimate; one over the limit is an error at
/// its position.
@Test func validateShowsCostsAndRejectsACostlyExpression() throws {
  let folder = try TemporaryFolder()
  defer { folder.remove() }
  let listed = try SignpostBinary.run(["validate", tinyPackPath, "--cost"], in: folder.path)
  #expect(listed.status == 0, "\(listed.stderr)")
  #expect(listed.stdout.contains("estimated steps per person (limit 100000000):"))
  #expect(
    listed.stdout.contains(
      "indicators/police.yaml:7:14: 17005 indicator recent_suspect_contact evidence count"),
    "\(listed.stdout)")

  let digits = "[0, 1, 2, 3, 4, 5, 6, 7, 8, 9]"
  let costly = (0..<8).reversed().reduce("v7 >= 0") { "\(digits).all(v\($1), \($0))" }
  let fixture = try PackFixture(edits: [
    "indicators/education.yaml": replacing(
      "when: attendance <= 90.0", with: "when: attendance <= 90.0 && \(costly)")
  ])
  defer { fixture.remove() }
  let pack = fixture.directory.path
  let rejected = try SignpostBinary.run(["validate", pack], in: folder.path)
  #expect(rejected.status == 1)
  #expect(
    rejected.stderr.contains(
      "indicators/education.yaml:9:64: error: indicator persistent_absence when may take"),
    "\(rejected.stderr)")
}
