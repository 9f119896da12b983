import Foundation
import SignpostTestSupport
import Testing

/// `signpost impact` on the fair extract (Fixtures/extracts/fair/README.md) through the real
/// executable: the answer is known from how the extract was built.
@Suite struct ImpactCommandTests {
  static let fairPack = fixtures.appendingPathComponent("packs/fair").path
  static let fairExtract = fixtures.appendingPathComponent("extracts/fair").path

  static func impact(_ edits: [(String, String, String)], out: Bool = false) throws -> (
    TemporaryFolder, SignpostBinary.Outcome
  ) {
    let folder = try TemporaryFolder("signpost-impact")
    try ResponsibleUseCommandTests.fairPackCopy(at: folder.path + "/new", edits: edits)
    let outcome = try SignpostBinary.run(
      [
        "impact", "--pack", "new", "--baseline", fairPack, "--input", fairExtract, "--as-of",
        "2025-04-01",
      ] + (out ? ["--out", "impact"] : []), in: folder.path)
    return (folder, outcome)
  }

  @Test func aStricterThresholdMovesExactlyThoseItNoLongerCovers() throws {
    // Absent pupils are at 85% except west's three at 80%: a threshold of 80% drops 360.
    let (folder, impact) = try Self.impact(
      [("indicators/education.yaml", "attendance <= 90.0", "attendance <= 80.0")], out: true)
    defer { folder.remove() }
    #expect(impact.status == 9, "people move, no group newly flagged: \(impact.stderr)")
    #expect(impact.stdout.contains("moved: 360 change band or referrals\n"))
    #expect(impact.stdout.contains("  flagged         3     360\n"))
    #expect(impact.stdout.contains("  support: 363 → 3, entered 0, left 360\n"))
    #expect(impact.stdout.contains("  -persistent_absence (rule changed): 360\n"))
    #expect(
      impact.stdout.contains("  no longer flagged: band flagged by ward: north 3.92 (3.23-4.76)\n"))
    let movers = try String(contentsOfFile: folder.path + "/impact/movers.csv", encoding: .utf8)
      .components(separatedBy: "\r\n").filter { !$0.isEmpty }
    #expect(movers.count == 361)
    #expect(
      movers.contains("north0,flagged,none,20,0,,support,stopped persistent_absence (rule changed)")
    )
    #expect(!movers.contains { $0.hasPrefix("west") }, "west's 80% still qualifies")
    let moversMode =
      try FileManager.default.attributesOfItem(
        atPath: folder.path + "/impact/movers.csv")[.posixPermissions] as? Int
    #expect(moversMode == 0o600, "movers.csv names people: owner-only")
    let html = try String(contentsOfFile: folder.path + "/impact/impact.html", encoding: .utf8)
    #expect(
      html.contains("<span class=\"number\">360</span><span class=\"caption\">people move</span>"))
    #expect(html.contains("id=\"chart-impact-programmes\""))
    #expect(!html.contains("north0"), "counts only in the board's page")
  }

  @Test func aRuleThatSelectsBySexIsCaughtAsANewFlag() throws {
    let (folder, impact) = try Self.impact([
      (
        "indicators/education.yaml", "when: attendance <= 90.0",
        "when: attendance <= 90.0 && person.sex == 'male'"
      )
    ])
    defer { folder.remove() }
    #expect(impact.status == 8, "a group is newly flagged: \(impact.stderr)")
    // All 180 selected are boys; the girls' rate is zero, so the index has 0.5 added to
    // each count: (180.5/901) / (0.5/906) = 363.
    #expect(impact.stdout.contains("  newly flagged: band flagged by sex: male 363.00 ("))
    #expect(impact.stdout.contains("  newly flagged: band flagged by sex: female 0.00 ("))
    #expect(impact.stdout.contains("  support: 363 → 180, entered 0, left 183\n"))
  }

  @Test func theSameRulesMoveNoOne() throws {
    let (folder, impact) = try Self.impact([("pack.yaml", "version: 1.0.0", "version: 1.0.1")])
    defer { folder.remove() }
    #expect(impact.status == 0, "\(impact.stderr)")
    #expect(impact.stdout.contains("moved: 0 change band or referrals\n"))
    #expect(impact.stdout.contains("  no group is newly flagged or cleared\n"))
  }
}
