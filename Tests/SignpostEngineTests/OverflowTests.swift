import SignpostEngine
import Testing

/// `cap: 9999999999`, and indicators of 1,500,000,000 points, once passed `validate` and then
/// crashed `score` (32-bit sums). Both engines now sum in 64 bits and agree.
@Test func pointsAndCapsBeyond32BitsScoreOnBothEngines() throws {
  let pack = try expressionPack(
    ["person.attendance < 100.0", "person.attendance < 99.0"], points: 1_500_000_000,
    scoring: { $0.replacingOccurrences(of: "cap: 30 }", with: "cap: 9999999999 }") })
  let folder = try tinyExtract(["people.csv", "police_contacts.csv", "social_care.csv"])
  defer { folder.remove() }
  let (lines, run) = try disagreements(pack, folder.path)
  #expect(lines.isEmpty, "\(lines)")
  let p1 = try #require(run.read.population.ids.firstIndex(of: "P1"))
  #expect(run.table.domainPoints[p1 * run.table.domainCount] == 3_000_000_020)
  #expect(run.score(p1) == 100)
}
