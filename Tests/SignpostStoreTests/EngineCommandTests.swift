import Foundation
import Testing

/// The tiny pack copied into `folder/pack`, with `edits` applied (old text → new text).
private func tinyPackCopy(in folder: TemporaryFolder, _ edits: [String: (String, String)]) throws
  -> String
{
  let pack = folder.url.appendingPathComponent("pack")
  try FileManager.default.copyItem(at: URL(fileURLWithPath: tinyPackPath), to: pack)
  for (file, (old, new)) in edits {
    let url = pack.appendingPathComponent(file)
    let text = try String(contentsOf: url, encoding: .utf8)
    #expect(text.contains(old), "fixture no longer contains \(old)")
    try text.replacingOccurrences(of: old, with: new).write(
      to: url, atomically: true, encoding: .utf8)
  }
  return pack.path
}

/// `cap: 9999999999` and 1,500,000,000-point indicators crashed `score` (SIGILL).
@Test func scoreWithPointsAndCapsBeyond32BitsExitsCleanly() throws {
  let folder = try TemporaryFolder()
  defer { folder.remove() }
  let pack = try tinyPackCopy(
    in: folder,
    [
      "scoring.yaml": ("cap: 30 }", "cap: 9999999999 }"),
      "indicators/education.yaml": ("points: 20", "points: 1500000000"),
    ])
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
  let pack = try tinyPackCopy(
    in: folder,
    [
      "indicators/education.yaml": (
        "when: attendance <= 90.0", "when: attendance <= 90.0 && \(costly)"
      )
    ])
  let rejected = try SignpostBinary.run(["validate", pack], in: folder.path)
  #expect(rejected.status == 1)
  #expect(
    rejected.stderr.contains(
      "indicators/education.yaml:9:64: error: indicator persistent_absence when may take"),
    "\(rejected.stderr)")
}
