import Foundation
import SignpostRules
import SignpostSource

/// The population a pack test case runs on and the person its expectations are about: either
/// records written in the case (the person, linked persons and generated others), or the raw
/// files of an `extract:` read by the pack's own readers, as a run reads the partners' files.
struct TestPopulation {
  var population: Population
  var subject: Int
  /// Problems with the case's own data (an unknown field, a rejected row nobody expected).
  var diagnostics: [Diagnostic]
  /// Differences from the expectation about the input itself (`rejected:`).
  var differences: [String]

  static func build(_ testCase: PackTestCase, _ pack: CompiledPack) -> TestPopulation {
    if testCase.extract.isEmpty { return records(testCase, pack) }
    return extract(testCase, pack)
  }

  // MARK: Records written in the case

  private static func records(_ testCase: PackTestCase, _ pack: CompiledPack) -> TestPopulation {
    var builder = TestRecordBuilder(schema: pack.schema, suppliedSources: testCase.sources)
    guard let person = testCase.person else {
      return TestPopulation(
        population: builder.builder.build(), subject: 0, diagnostics: [], differences: [])
    }
    let subject = builder.add(person, defaultID: "subject")
    for (n, link) in testCase.links.enumerated() {
      // A person linked twice (a peer who is also a co-offender) is one person, two links.
      let linked = builder.add(link.person, defaultID: "linked-\(n + 1)")
      if let relation = pack.schema.relations.firstIndex(where: { $0.name == link.relation }),
        linked != subject
      {
        builder.link(
          PersonLink(from: subject, to: linked, relation: relation),
          symmetric: pack.schema.relations[relation].symmetric)
      }
    }
    for (entry, other) in testCase.others.enumerated() {
      for number in 1...other.count {
        _ = builder.add(
          other.template, defaultID: "other-\(entry + 1)-\(number)", number: number)
      }
    }
    return TestPopulation(
      population: builder.builder.build(), subject: subject, diagnostics: builder.diagnostics,
      differences: [])
  }

  // MARK: Raw partner files

  private static func extract(_ testCase: PackTestCase, _ pack: CompiledPack) -> TestPopulation {
    var diagnostics: [Diagnostic] = []
    let folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("signpost-test-extract-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: folder) }
    for (path, content) in testCase.extract {
      guard let text = fileText(content, &diagnostics) else { continue }
      let url = folder.appendingPathComponent(path)
      guard !path.split(separator: "/").contains(".."), !path.hasPrefix("/"),
        (try? FileManager.default.createDirectory(
          at: url.deletingLastPathComponent(), withIntermediateDirectories: true)) != nil,
        (try? Data(text.utf8).write(to: url)) != nil
      else {
        diagnostics.append(problem(content, "cannot write the extract file '\(path)'"))
        continue
      }
    }
    let empty = PopulationBuilder(schema: pack.schema).build()
    let read: ExtractReadResult
    do {
      read = try ExtractReader(pack: pack, directory: folder.path).read()
    } catch {
      diagnostics.append(problem(testCase, "the extract cannot be read: \(error)"))
      return TestPopulation(
        population: empty, subject: 0, diagnostics: diagnostics, differences: [])
    }
    var differences: [String] = []
    if let expected = testCase.expectation.rejected {
      if expected != read.rejects.count {
        differences.append(
          "rejected rows: expected \(expected), actual \(read.rejects.count)"
            + read.rejects.map { "\n  \($0.description)" }.joined())
      }
    } else {
      for reject in read.rejects {
        diagnostics.append(
          problem(testCase, "row rejected (say 'rejected:' to expect it): \(reject.description)"))
      }
    }
    guard let subjectID = testCase.subject, let subject = read.population.index(of: subjectID)
    else {
      diagnostics.append(
        problem(
          testCase,
          "subject '\(testCase.subject ?? "")' is not a person of the extract"
            + Suggestions.didYouMean(testCase.subject ?? "", in: read.population.ids)))
      return TestPopulation(
        population: read.population, subject: 0, diagnostics: diagnostics,
        differences: differences)
    }
    return TestPopulation(
      population: read.population, subject: subject, diagnostics: diagnostics,
      differences: differences)
  }

  /// A file's text: a block scalar verbatim, or a list of rows written as CSV with the columns
  /// in the order they first appear.
  private static func fileText(_ written: TestValue, _ diagnostics: inout [Diagnostic])
    -> String?
  {
    if let text = written.text { return text }
    guard let rows = written.items else { return nil }
    var columns: [String] = []
    var table: [[String: String]] = []
    for row in rows {
      guard let entries = row.entries else {
        diagnostics.append(problem(row, "expected a row: a mapping of column names to cells"))
        return nil
      }
      var cells: [String: String] = [:]
      for entry in entries {
        guard let cell = entry.value.text else {
          diagnostics.append(problem(entry.value, "expected a single cell for '\(entry.name)'"))
          return nil
        }
        if !columns.contains(entry.name) { columns.append(entry.name) }
        cells[entry.name] = entry.value.isNull ? "" : cell
      }
      table.append(cells)
    }
    let lines =
      [columns.map { CSVText.field($0, safe: false) }.joined(separator: ",")]
      + table.map { row in
        columns.map { CSVText.field(row[$0] ?? "", safe: false) }.joined(separator: ",")
      }
    return lines.joined(separator: "\n") + "\n"
  }

  private static func problem(_ written: TestValue, _ message: String) -> Diagnostic {
    Diagnostic(id: .packTestData, message: message, file: written.file, range: written.range)
  }

  private static func problem(_ testCase: PackTestCase, _ message: String) -> Diagnostic {
    Diagnostic(id: .packTestData, message: message, file: testCase.file, at: testCase.location)
  }
}
