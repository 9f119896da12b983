import Foundation
import SignpostRules
import SignpostSource
import SignpostTestSupport
import Testing

/// One case of the bad-pack corpus under `Fixtures/bad-packs/<case>/`: the tiny pack with the
/// case's files laid over it (a file in the case folder replaces or adds the pack's file of the
/// same path), the paths listed in `removed` deleted (`.` deletes the whole pack), and
/// `expected.txt` holding every diagnostic `validate` must report, each after its `[id]` (the
/// errors, or the warnings of a pack that compiles).
struct BadPackCase: CustomTestStringConvertible, Sendable {
  static let root = fixtures.appendingPathComponent("bad-packs")
  static let bookkeeping: Set<String> = ["expected.txt", "removed"]

  let name: String
  var directory: URL { Self.root.appendingPathComponent(name) }
  var testDescription: String { name }

  static var all: [BadPackCase] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []
    return names.filter { !$0.hasSuffix(".md") }.sorted().map(BadPackCase.init)
  }

  /// The tiny pack with this case's changes, in a temporary folder.
  func fixture() throws -> PackFixture {
    let fixture = try PackFixture()
    let manager = FileManager.default
    let walker = manager.enumerator(atPath: directory.path)
    while let path = walker?.nextObject() as? String {
      let source = directory.appendingPathComponent(path)
      var isDirectory: ObjCBool = false
      guard manager.fileExists(atPath: source.path, isDirectory: &isDirectory),
        !isDirectory.boolValue, !Self.bookkeeping.contains(path)
      else { continue }
      let target = fixture.directory.appendingPathComponent(path)
      try manager.createDirectory(
        at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
      try? manager.removeItem(at: target)
      try manager.copyItem(at: source, to: target)
    }
    let removed =
      (try? String(contentsOf: directory.appendingPathComponent("removed"), encoding: .utf8)) ?? ""
    for path in removed.split(separator: "\n") {
      try manager.removeItem(
        at: path == "." ? fixture.directory : fixture.directory.appendingPathComponent(String(path))
      )
    }
    return fixture
  }

  /// The expected diagnostics as written in `expected.txt`.
  var expected: String {
    get throws {
      try String(contentsOf: directory.appendingPathComponent("expected.txt"), encoding: .utf8)
    }
  }

  /// The diagnostic ids `expected.txt` names.
  var expectedIDs: Set<String> {
    get throws { Set(try expected.split(separator: "\n").compactMap(BadPackCase.id(inHeader:))) }
  }

  static func id(inHeader line: Substring) -> String? {
    guard line.hasPrefix("["), line.hasSuffix("]") else { return nil }
    return String(line.dropFirst().dropLast())
  }
}

extension PackFixture {
  /// Every diagnostic, each after its `[id]` line, with the folder written as `PACK`: the
  /// errors of a pack that does not compile, or the warnings of one that does (empty if none).
  func diagnosticsWithIDs() -> String {
    var bag = DiagnosticBag()
    switch compile() {
    case .success(let pack): bag.append(contentsOf: pack.warnings)
    case .failure(let error): bag.append(contentsOf: error.diagnostics)
    }
    guard !bag.diagnostics.isEmpty else { return "" }
    let blocks = bag.sorted.map { "[\($0.id)]\n" + DiagnosticRenderer.render($0) }
    let errors = bag.sorted.filter { $0.severity == .error }.count
    return (blocks + ["\(errors) error\(errors == 1 ? "" : "s") generated."])
      .joined(separator: "\n").replacingOccurrences(of: directory.path, with: "PACK") + "\n"
  }
}

@Test(arguments: BadPackCase.all)
func badPackReportsItsExpectedDiagnostics(_ badPack: BadPackCase) throws {
  let fixture = try badPack.fixture()
  defer { fixture.remove() }
  let actual = fixture.diagnosticsWithIDs()
  #expect(!actual.isEmpty, "the pack compiled without a warning")
  if ProcessInfo.processInfo.environment["SIGNPOST_RECORD_BAD_PACKS"] != nil {
    try actual.write(
      to: badPack.directory.appendingPathComponent("expected.txt"), atomically: true,
      encoding: .utf8)
    Issue.record(
      "recorded \(badPack.name)/expected.txt; review it and run again without SIGNPOST_RECORD_BAD_PACKS"
    )
    return
  }
  #expect(actual == (try badPack.expected))
}

/// Diagnostics that need inputs too large for the corpus, or that are warnings of a pack that
/// compiles (the corpus holds packs that do not), and the test that produces each.
let diagnosticsTestedElsewhere = [
  "pack.too-many-bands": "moreThan255BandsIsADiagnostic",
  "pack.too-many-values": "moreThan65535EnumValuesIsADiagnostic",
  "pack.unconfirmed-gateway":
    "rulesReadingAnUnconfirmedSourceOfThePersonOrALinkedPersonAreWarnedAbout",
]

/// Every diagnostic id the loader, YAML parser, CEL checker and pack compiler can report, read
/// from their sources, so a new diagnostic without a bad-pack case fails this test.
func diagnosticCatalogue() throws -> Set<String> {
  let sources =
    repositoryRoot
    .appendingPathComponent("Sources")
  let pattern = try Regex(#""((?:yaml|pack|schema|cel)\.[a-z]+(?:-[a-z]+)*)""#)
  var ids = Set<String>()
  for module in ["SignpostYAML", "SignpostCEL", "SignpostRules"] {
    let folder = sources.appendingPathComponent(module)
    let walker = FileManager.default.enumerator(atPath: folder.path)
    while let path = walker?.nextObject() as? String {
      guard path.hasSuffix(".swift") else { continue }
      let text = try String(contentsOf: folder.appendingPathComponent(path), encoding: .utf8)
      for match in text.matches(of: pattern) {
        let id = String(match.output[1].substring ?? "")
        if !id.hasSuffix(".yaml") { ids.insert(id) }
      }
    }
  }
  return ids
}

@Test func everyDiagnosticIdHasABadPackCase() throws {
  let catalogue = try diagnosticCatalogue()
  var exercised = Set(diagnosticsTestedElsewhere.keys)
  for badPack in BadPackCase.all { exercised.formUnion(try badPack.expectedIDs) }
  #expect(catalogue.count > 50)
  #expect(catalogue.subtracting(exercised).sorted() == [])
  #expect(exercised.subtracting(catalogue).sorted() == [])
}

/// The files where a phase spells its diagnostic ids; everywhere else names the constants.
let diagnosticIDCatalogues: Set<String> = [
  "SignpostYAML/YAMLDiagnosticIDs.swift", "SignpostCEL/Syntax/CELIssue.swift",
  "SignpostRules/Loading/PackFileDiagnosticIDs.swift",
  "SignpostRules/Compiling/PackCompilerDiagnosticIDs.swift",
  "SignpostEngine/PackTests/PackTestDiagnosticIDs.swift",
  "SignpostServer/ServeDiagnosticIDs.swift", "SignpostRun/RunConfigDiagnosticIDs.swift",
]

@Test func diagnosticIdsAreSpelledOnlyInTheirCatalogues() throws {
  let sources = repositoryRoot.appendingPathComponent("Sources")
  let pattern = try Regex(
    #""((?:yaml|pack|schema|fairness|cel|serve|config)\.[a-z_]+(?:-[a-z_]+)*)""#)
  var spelled: [String] = []
  for module in [
    "SignpostYAML", "SignpostCEL", "SignpostRules", "SignpostEngine", "SignpostServer",
    "SignpostRun",
  ] {
    let folder = sources.appendingPathComponent(module)
    let walker = FileManager.default.enumerator(atPath: folder.path)
    while let path = walker?.nextObject() as? String {
      guard path.hasSuffix(".swift"), !diagnosticIDCatalogues.contains(module + "/" + path)
      else { continue }
      let text = try String(contentsOf: folder.appendingPathComponent(path), encoding: .utf8)
      for match in text.matches(of: pattern) {
        let id = String(match.output[1].substring ?? "")
        if !id.hasSuffix(".yaml") { spelled.append("\(module)/\(path): \(id)") }
      }
    }
  }
  #expect(spelled == [])
}
