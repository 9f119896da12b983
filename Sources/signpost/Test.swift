import ArgumentParser
import SignpostEngine
import SignpostRules
import SignpostSource

/// `signpost test PACK`: run the pack's test cases and report rule coverage.
struct Test: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Run a rule pack's tests and report which rules no case exercises.",
    discussion: """
      Exit status 0 when every case passes, 1 otherwise. With --require-coverage, also 1 when \
      an indicator never fires or a programme is never recommended in any case.
      """)

  @Argument(help: "The rule pack folder.", completion: .directory)
  var pack: String

  @Flag(help: "Fail unless every indicator fires and every programme is recommended somewhere.")
  var requireCoverage = false

  @Flag(name: .shortAndLong, help: "List passing cases too.")
  var verbose = false

  func run() throws {
    let compiled = try compilePack(at: pack)
    let report = PackTestRunner.run(compiled)
    for result in report.cases where verbose || !result.passed {
      let place = "\(result.file.path):\(result.location)"
      print("\(result.passed ? "PASS" : "FAIL")  \(place)  \(result.name)")
      for difference in result.differences { print("      \(difference)") }
      for diagnostic in result.diagnostics {
        print(
          DiagnosticRenderer.render(diagnostic).split(separator: "\n").map { "      " + $0 }.joined(
            separator: "\n"))
      }
    }
    let fired = report.indicatorCount - report.indicatorsNeverFired.count
    let recommended = report.programmeCount - report.programmesNeverRecommended.count
    print(
      "coverage: \(fired) of \(report.indicatorCount) indicators fire in some case; \(recommended) of \(report.programmeCount) programmes are recommended in some case"
    )
    if !report.indicatorsNeverFired.isEmpty {
      print("  indicators no case fires: \(report.indicatorsNeverFired.joined(separator: ", "))")
    }
    if !report.indicatorsNeverNotFired.isEmpty {
      print(
        "  indicators no case shows not firing: \(report.indicatorsNeverNotFired.joined(separator: ", "))"
      )
    }
    if !report.programmesNeverRecommended.isEmpty {
      print(
        "  programmes no case recommends: \(report.programmesNeverRecommended.joined(separator: ", "))"
      )
    }
    print("\(report.passedCount) passed, \(report.failedCount) failed")
    if report.failedCount > 0 || (requireCoverage && !report.fullCoverage) {
      throw RunExit.packDoesNotCompile
    }
  }
}
