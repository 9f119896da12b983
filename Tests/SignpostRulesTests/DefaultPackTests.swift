import Foundation
import SignpostEngine
import SignpostRules
import SignpostTestSupport
import Testing

/// The borough's default pack compiles, and its own test cases pass with full rule coverage.
@Test func wiganPackPassesItsTestsWithFullCoverage() throws {
  let directory =
    repositoryRoot
    .appendingPathComponent("rules/wigan").path
  let pack = try PackCompiler.compile(directory: directory).get()
  let report = PackTestRunner.run(pack)
  let failures = report.cases.filter { !$0.passed }.map { "\($0.name): \($0.differences)" }
  #expect(failures.isEmpty, "\(failures)")
  #expect(report.cases.count >= 50)
  #expect(report.indicatorsNeverFired.isEmpty)
  #expect(report.indicatorsNeverNotFired.isEmpty)
  #expect(report.programmesNeverRecommended.isEmpty)
  #expect(
    Set(pack.programmes.map(\.programme.id)) == [
      "pied", "west_london_zone", "blocks", "stepping_up", "early_help",
    ])
}
