import Foundation
import SignpostEngine
import SignpostFairness
import SignpostRules
import SignpostTestSupport
import Testing

/// The measures of a real scoring run of the `fair` fixture pack over the `fair` extract, with
/// a disparity planted by ward and none by sex or age (Fixtures/extracts/fair/README.md), read
/// back from the summary.json it writes.
@Suite struct RunMeasuresTests {
  static func measures() throws -> SummaryMeasures {
    let pack = try PackCompiler.compile(
      directory: fixtures.appendingPathComponent("packs/fair").path
    )
    .get()
    let run = try ScoringRun.run(
      pack: pack, inputDirectory: fixtures.appendingPathComponent("extracts/fair").path,
      asOf: try #require(PackDate(iso: "2025-04-01")))
    let output = try TemporaryFolder("signpost-fair")
    defer { output.remove() }
    try RunOutputs.write(run, to: output.path + "/out")
    let summary = try String(contentsOfFile: output.path + "/out/summary.json", encoding: .utf8)
    return try SummaryMeasures(summaryJSON: summary)
  }

  @Test func theSummaryFlagsThePlantedWardAndNothingBySexOrAge() throws {
    let report = try #require(try Self.measures().fairness)
    #expect(report.scored == 1805)
    #expect(
      report.outcomes.map(\.label) == ["band flagged", "band none", "programme support: referred"])
    let flagged = try #require(report.outcomes.first)
    #expect(flagged.selected == 240 + 60 + 60 + 3)
    let wards = try #require(flagged.dimensions.first { $0.field == "ward" })
    #expect(wards.role == "context")
    let north = try #require(wards.groups.first { $0.group == "north" })
    // 240/600 against 123/1205.
    #expect(north.population == .shown(600) && north.selected == .shown(240))
    #expect(north.rate == 0.4)
    #expect(north.rateRatio == 3.919)
    #expect(north.flagged)
    let west = try #require(wards.groups.first { $0.group == "west" })
    #expect(west.selected == .small && west.rateRatio == nil)
    // Above 1, only north is flagged, for the band and for the programme alike; south (2 in
    // 20 against 4 in 20 elsewhere) is flagged below 1 for both. East, just like south, is
    // withheld to protect west's 3 (secondary suppression), so it has no index to flag.
    #expect(wards.groups.first { $0.group == "east" }?.selected == .withheld)
    let flags = report.flags.map { "\($0.outcome) \($0.group)" }
    #expect(report.flags.filter { $0.rateRatio > 1 }.count == 2)
    for outcome in ["band flagged", "programme support: referred"] {
      #expect(
        flags.filter { $0.hasPrefix(outcome + " ") }
          == ["north", "south"].map { "\(outcome) \($0)" })
    }
    #expect(!report.flags.contains { $0.field == "sex" || $0.field == "age_group" })
    let sexes = try #require(flagged.dimensions.first { $0.field == "sex" })
    #expect(sexes.role == "protected")
    #expect(sexes.groups.map(\.group) == ["female", "male", "not recorded"])
  }

  @Test func theProfileCountsEachIndicatorByWardWithSmallCountsWithheld() throws {
    let profile = try #require(try Self.measures().profile)
    #expect(profile.dimensions.map(\.field) == ["ward", "sex"])
    let wards = try #require(profile.dimensions.first)
    #expect(wards.measures == ["band flagged", "band none", "indicator persistent_absence: fired"])
    #expect(wards.rows.map(\.group) == ["east", "north", "south", "west", "not recorded"])
    let north = try #require(wards.rows.first { $0.group == "north" })
    #expect(north.population == .shown(600))
    #expect(north.counts == [.shown(240), .shown(360), .shown(240)])
    let west = try #require(wards.rows.first { $0.group == "west" })
    #expect(west.counts.contains(.small))
    #expect(!profile.json.contains("west0"), "no person id in the profile")
  }
}
