import CELConformance
import Foundation
import Testing

/// cel-spec's conformance files for the strings extension and the two-variable
/// comprehensions, copied into `Tests/Fixtures/cel-spec-extensions`: every case passes or is
/// skipped for needing protobuf messages.
@Test(arguments: ["string_ext.textproto", "macros2.textproto"])
func extensionConformanceFilePasses(_ name: String) throws {
  let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("Fixtures/cel-spec-extensions")
  let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
  let report = ConformanceRunner().run(try SimpleTestFile.parse(text), path: name)
  var failures: [String] = []
  var skipped = 0
  for result in report.results {
    switch result.outcome {
    case .failed(let expected, let actual):
      failures.append(
        "\(result.test.section)/\(result.test.name): `\(result.test.expression)` expected \(expected), got \(actual)"
      )
    case .skipped: skipped += 1
    default: break
    }
  }
  #expect(report.passed >= 40)
  #expect(skipped <= 3)
  #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
}
