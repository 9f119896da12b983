import Foundation
import SignpostRules
import SignpostSource
import SignpostTestSupport
import Testing

@Test func moreThan255BandsIsADiagnostic() throws {
  let bands = (0..<256).map { "  - { id: b\($0), min: \(max(0, 100 - $0)) }\n" }.joined()
  let fixture = try PackFixture(edits: [
    "scoring.yaml": { text in
      String(text[..<text.range(of: "bands:\n")!.upperBound]) + bands
    }
  ])
  defer { fixture.remove() }
  let diagnostics = try #require(fixture.compile().failure?.diagnostics)
  let tooMany = diagnostics.filter { $0.id == "pack.too-many-bands" }
  #expect(tooMany.map(\.message) == ["scoring.yaml declares 256 bands; at most 255 are allowed"])
  // `domains:`, three domains and `bands:` come first.
  #expect(tooMany.first?.range?.start.line == 5 + 256)
}

@Test func moreThan65535EnumValuesIsADiagnostic() throws {
  let values = (0..<65_536).map { "v\($0)" }.joined(separator: ", ")
  let fixture = try PackFixture(edits: [
    "schema.yaml": replacing(
      "values: [suspect, victim, witness]", with: "values: [suspect, victim, witness, \(values)]")
  ])
  defer { fixture.remove() }
  let diagnostics = try #require(fixture.compile().failure?.diagnostics)
  #expect(
    diagnostics.map(\.message) == [
      "event field 'police_contacts.role' has 65539 enum values; at most 65535 are allowed"
    ])
  #expect(diagnostics.first?.range?.start.line == 11)
}

/// Every pack made by deleting or duplicating one line of the tiny pack compiles or yields
/// diagnostics; none may crash the compiler (a crash ends this test process).
@Test func everySingleLineDeletionOrDuplicationOfTheTinyPackIsDiagnosedNotACrash() throws {
  let tiny = fixtures.appendingPathComponent("packs/tiny")
  let files = try FileManager.default.subpathsOfDirectory(atPath: tiny.path)
    .filter { $0.hasSuffix(".yaml") }.sorted()
  var variants = 0
  var diagnosed = 0
  for path in files {
    let lines = try String(contentsOf: tiny.appendingPathComponent(path), encoding: .utf8)
      .split(separator: "\n", omittingEmptySubsequences: false)
    for index in lines.indices where !lines[index].isEmpty {
      var deleted = lines
      deleted.remove(at: index)
      var duplicated = lines
      duplicated.insert(lines[index], at: index)
      for variant in [deleted, duplicated] {
        let fixture = try PackFixture(files: [path: variant.joined(separator: "\n")])
        defer { fixture.remove() }
        variants += 1
        if case .failure(let error) = fixture.compile() {
          #expect(
            !error.diagnostics.isEmpty, "\(path) line \(index + 1) failed without a diagnostic")
          diagnosed += 1
        }
      }
    }
  }
  #expect(variants > 200)
  #expect(diagnosed > variants / 2)
}

extension Result {
  var failure: Failure? {
    if case .failure(let error) = self { return error }
    return nil
  }
}
