import Foundation
import SignpostFairness
import SignpostRules
import SignpostTestSupport
import Testing

@testable import SignpostEngine

/// The fairness report and problem profile counted in one pass over the score table's codes
/// are the ones the measures give from each person's group and category, and the groups
/// are what the people's values say (ages at their birthdays, 29 February included).
@Suite struct RunMeasuresCountingTests {
  static let fairPack = fixtures.appendingPathComponent("packs/fair").path

  static func run(_ input: String, asOf: String) throws -> ScoringRun {
    try ScoringRun.run(
      pack: try PackCompiler.compile(directory: fairPack).get(), inputDirectory: input,
      asOf: try date(asOf))
  }

  /// The measures from per-person memberships, as the fairness module computes them.
  static func byMembership(_ run: ScoringRun) -> (FairnessReport, ProblemProfile) {
    let settings = run.pack.pack.fairness
    let table = run.table
    let band = OutcomeDivision(
      kind: "band", id: "", categories: run.pack.scoring.bands.map(\.id),
      reported: Array(run.pack.scoring.bands.indices), membership: table.bands.map(Int.init))
    let programmes = run.pack.programmes.map { compiled in
      let id = compiled.programme.id
      return OutcomeDivision(
        kind: "programme", id: id, categories: ["referred", "not referred"], reported: [0],
        membership: (0..<table.count).map { p in
          run.referrals.contains { $0.programme == id && $0.personIndex == p } ? 0 : 1
        })
    }
    let indicators = run.pack.indicators.indices.map { i in
      OutcomeDivision(
        kind: "indicator", id: run.pack.indicators[i].indicator.id,
        categories: ["fired", "not fired"], reported: [0],
        membership: (0..<table.count).map { table.outcome($0, i) == .fired ? 0 : 1 })
    }
    let fairness = Disproportionality.measure(
      groupings: settings.dimensions.compactMap { run.grouping($0.field, role: $0.role.rawValue) },
      outcomes: [band] + programmes, range: settings.rateRatioRange)
    let profile = ProblemProfile(
      groupings: settings.profile.compactMap { run.grouping($0, role: "profile") },
      outcomes: [band] + indicators)
    return (fairness, profile)
  }

  @Test func theCountedMeasuresAreTheMeasuresOfEachPersonsGroupAndCategory() throws {
    let run = try Self.run(
      fixtures.appendingPathComponent("extracts/fair").path, asOf: "2025-04-01")
    let (fairness, profile) = Self.byMembership(run)
    #expect(run.fairnessReport == fairness)
    #expect(run.problemProfile == profile)
    // The fixture's small ward is suppressed, so the comparison covers suppression too.
    #expect(
      run.problemProfile.dimensions.contains { $0.rows.contains { $0.counts.contains(.small) } })
  }

  @Test func groupsAreTheValuesInTextOrderAgesCountFromBirthdaysAndGapsAreNotRecorded() throws {
    let folder = try TemporaryFolder(
      "signpost-groups",
      files: [
        "people.csv": """
        person_id,date_of_birth,sex,ward,attendance
        a,2014-02-28,female,west,97
        b,2014-03-01,male,East,97
        c,2009-02-28,female,,97
        d,2008-02-29,male,west,85
        e,2009-03-01,,east,85
        f,,female,north,85
        g,2013-02-28,male,north,97

        """
      ])
    defer { folder.remove() }
    func groups(_ run: ScoringRun, _ field: String) throws -> [String] {
      let grouping = try #require(run.grouping(field, role: "context"))
      return grouping.membership.map { grouping.groups[$0] }
    }
    // 28 February 2025: a is 11 that day; d, born on a 29 February, is not yet 17.
    let february = try Self.run(folder.path, asOf: "2025-02-28")
    #expect(
      try groups(february, "age_group")
        == ["11-15", "0-10", "16+", "16+", "11-15", "not recorded", "11-15"])
    // 29 February 2024: g, born 28 February 2013, turned 11 the day before.
    let leapDay = try Self.run(folder.path, asOf: "2024-02-29")
    #expect(
      try groups(leapDay, "age_group")
        == ["0-10", "0-10", "11-15", "16+", "11-15", "not recorded", "11-15"])
    #expect(
      try #require(february.grouping("ward", role: "context")).groups == [
        "East", "east", "north", "west", "not recorded",
      ])
    #expect(
      try groups(february, "ward") == [
        "west", "East", "not recorded", "west", "east", "north", "north",
      ])
    #expect(
      try groups(february, "sex") == [
        "female", "male", "female", "male", "not recorded", "female", "male",
      ])
    let (fairness, profile) = Self.byMembership(february)
    #expect(february.fairnessReport == fairness)
    #expect(february.problemProfile == profile)
  }
}
