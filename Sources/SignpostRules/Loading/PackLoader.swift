import Foundation
import SignpostCEL
import SignpostSource
import SignpostYAML

/// Reads a rule pack folder: `pack.yaml`, `schema.yaml`, `scoring.yaml`, `indicators/*.yaml`,
/// `programmes/*.yaml` and `tests/*.yaml`. Every problem found in any file is reported, with
/// its position, before giving up.
///
/// The pack is returned whenever its three top-level files could be read, even alongside
/// errors, so that the compiler can add its own diagnostics and all are reported in one go.
public enum PackLoader {
  public static func load(directory: String) -> (pack: RulePack?, diagnostics: [Diagnostic]) {
    var loader = Loading(directory: directory)
    return loader.run()
  }
}

/// The state of one load: the files read and the diagnostics found.
private struct Loading {
  let directory: String
  let sink = YAMLDiagnosticSink()
  var files: [SourceFile] = []

  init(directory: String) {
    self.directory = directory.hasSuffix("/") ? String(directory.dropLast()) : directory
  }

  mutating func run() -> (pack: RulePack?, diagnostics: [Diagnostic]) {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory),
      isDirectory.boolValue
    else {
      return (nil, [LoaderDiagnostics.notADirectory(directory)])
    }
    let reader = PackFileReader(sink: sink)
    let manifest = read("pack.yaml").flatMap(reader.manifest)
    let schema = read("schema.yaml").flatMap(reader.schema)
    let scoring = read("scoring.yaml").flatMap(reader.scoring)
    let fairness = readIfPresent("fairness.yaml").map { reader.fairness($0, schema: schema) }
    var indicators: [Indicator] = []
    var indicatorIDs: [String] = []
    for node in readFolder("indicators", required: true) {
      indicators += reader.indicators(node)
      indicatorIDs += PackFileReader.declaredIDs(node, list: "indicators")
    }
    var programmes: [Programme] = []
    for node in readFolder("programmes", required: false) {
      if let programme = reader.programme(node) { programmes.append(programme) }
    }
    let known = PackFileReader.KnownIDs(
      indicators: indicatorIDs, programmes: programmes.map(\.id),
      bands: scoring?.bands.map(\.id) ?? [], sources: schema?.sources.map(\.id) ?? [],
      relations: schema?.relations.map(\.name) ?? [])
    var tests: [PackTestCase] = []
    for node in readFolder("tests", required: false) {
      tests += reader.tests(node, known: known)
    }
    guard let manifest, let schema, let scoring else { return (nil, sink.diagnostics) }
    let pack = RulePack(
      directory: directory, manifest: manifest, schema: schema, indicators: indicators,
      scoring: scoring, programmes: programmes, tests: tests, files: files,
      fairness: fairness ?? .none)
    return (pack, sink.diagnostics)
  }

  /// Parses one file of the pack, relative to its folder; reports it if missing.
  mutating func read(_ relativePath: String) -> YAMLNode? {
    let path = directory + "/" + relativePath
    guard let data = FileManager.default.contents(atPath: path) else {
      sink.report(LoaderDiagnostics.missingFile(relativePath, in: directory))
      return nil
    }
    guard let text = String(data: data, encoding: .utf8) else {
      sink.report(LoaderDiagnostics.notUTF8(path))
      return nil
    }
    let file = SourceFile(path: path, text: text)
    files.append(file)
    let (node, diagnostics) = YAMLParser.parse(file)
    for diagnostic in diagnostics { sink.report(diagnostic) }
    return node
  }

  /// Parses an optional file of the pack, or returns `nil` when it is absent.
  mutating func readIfPresent(_ relativePath: String) -> YAMLNode? {
    guard FileManager.default.fileExists(atPath: directory + "/" + relativePath) else {
      return nil
    }
    return read(relativePath)
  }

  /// Parses every `.yaml` or `.yml` file of a subfolder, in name order.
  mutating func readFolder(_ name: String, required: Bool) -> [YAMLNode] {
    let path = directory + "/" + name
    guard let entries = try? FileManager.default.contentsOfDirectory(atPath: path) else {
      if required { sink.report(LoaderDiagnostics.missingFolder(name, in: directory)) }
      return []
    }
    return entries.filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted()
      .compactMap { read(name + "/" + $0) }
  }
}

/// The catalogue of the loader's own diagnostics.
enum LoaderDiagnostics {
  static func notADirectory(_ path: String) -> Diagnostic {
    Diagnostic(id: .packNotFound, message: "no rule pack folder at '\(path)'")
  }

  static func missingFile(_ name: String, in directory: String) -> Diagnostic {
    Diagnostic(
      id: .packMissingFile, message: "the pack has no \(name)",
      file: SourceFile(path: directory + "/" + name, text: ""))
  }

  static func missingFolder(_ name: String, in directory: String) -> Diagnostic {
    Diagnostic(
      id: .packMissingFolder, message: "the pack has no \(name)/ folder",
      file: SourceFile(path: directory + "/" + name, text: ""))
  }

  static func notUTF8(_ path: String) -> Diagnostic {
    Diagnostic(
      id: .packEncoding, message: "the file is not valid UTF-8",
      file: SourceFile(path: path, text: ""))
  }
}
