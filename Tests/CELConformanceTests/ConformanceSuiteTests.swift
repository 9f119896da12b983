import CELConformance
import Foundation
import Testing

/// Runs the whole cel-spec `simple` suite, copied into the repository at
/// `Tests/Fixtures/cel-spec/testdata/` (Apache-2.0; see the README there).
@Suite("cel-spec conformance suite")
struct ConformanceSuiteTests {
  /// `<repo>/Tests/Fixtures/cel-spec/testdata`, found from this file (`<repo>/Tests/X/this.swift`).
  private static let testdata = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Fixtures/cel-spec/testdata")

  @Test func everyCasePassesOrIsSkipped() throws {
    let names = try FileManager.default.contentsOfDirectory(atPath: Self.testdata.path)
      .filter { $0.hasSuffix(".textproto") }.sorted()
    try #require(!names.isEmpty, "no .textproto files in \(Self.testdata.path)")
    let runner = ConformanceRunner()
    var failures: [String] = []
    var passed = 0
    for name in names {
      let text = try String(contentsOf: Self.testdata.appendingPathComponent(name), encoding: .utf8)
      let file = try SimpleTestFile.parse(text)
      let report = runner.run(file, path: name)
      passed += report.passed
      for result in report.results {
        guard case .failed(let expected, let actual) = result.outcome else { continue }
        failures.append(
          "\(name) \(result.test.section)/\(result.test.name): `\(result.test.expression)`"
            + " expected \(expected), got \(actual)")
      }
    }
    #expect(passed > 0)
    #expect(
      failures.isEmpty, "\(failures.count) failures:\n\(failures.joined(separator: "\n"))")
  }
}
