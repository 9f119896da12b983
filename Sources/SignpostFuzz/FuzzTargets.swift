import Foundation
import SignpostCEL
import SignpostEngine
import SignpostRules
import SignpostSource
import SignpostYAML

/// What each fuzz target does with one input. Every function must return normally for every
/// input: a diagnostic, a rejected row or an error value is fine, a trap is a bug.
public enum FuzzTargets {
  /// The YAML parser: any bytes, read as UTF-8 text.
  public static func yaml(_ input: UnsafeRawBufferPointer) {
    let file = SourceFile(path: "fuzz.yaml", text: String(decoding: input, as: UTF8.self))
    _ = YAMLParser.parse(file)
  }

  /// The CEL parser and checker, then the evaluator, with a few typed variables declared.
  public static func cel(_ input: UnsafeRawBufferPointer) {
    let environment = CELEnvironment(variables: [
      "i": .int, "s": .string, "d": .double, "l": .list(.int), "m": .map(.string, .int),
    ])
    let text = String(decoding: input, as: UTF8.self)
    _ = environment.compile(text, checked: false).map { $0.evaluate() }
    _ = environment.compile(text).map {
      $0.evaluate([
        "i": .int(3), "s": .string("ab©"), "d": .double(0.5), "l": .list([.int(1), .int(2)]),
        "m": .map(CELMap()),
      ])
    }
  }

  /// The pack loader and compiler: the input is a pack's files, each after a line
  /// `#### <path>` (see the seeds), written to a scratch folder and compiled.
  public static func pack(_ input: UnsafeRawBufferPointer) {
    let folder = scratch.appendingPathComponent("pack")
    try? FileManager.default.removeItem(at: folder)
    for (path, text) in packFiles(String(decoding: input, as: UTF8.self)) {
      let url = folder.appendingPathComponent(path)
      try? FileManager.default.createDirectory(
        at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      try? text.write(to: url, atomically: false, encoding: .utf8)
    }
    _ = PackCompiler.compile(directory: folder.path)
  }

  /// The files of a pack input: `#### <path>` lines start each; paths stay inside the folder.
  static func packFiles(_ text: String) -> [(String, String)] {
    var files: [(String, String)] = []
    for chunk in text.components(separatedBy: "#### ").dropFirst() {
      let lines = chunk.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false)
      let path = String(lines[0]).trimmingCharacters(in: .whitespaces)
      guard !path.isEmpty, !path.contains(".."), !path.hasPrefix("/") else { continue }
      files.append((path, lines.count > 1 ? String(lines[1]) : ""))
    }
    return files
  }

  /// The extract readers: an input whose first byte is even is the tiny pack's `people.csv`;
  /// odd, the rest is `people.ndjson` of a pack with one nested NDJSON table.
  public static func reader(_ input: UnsafeRawBufferPointer) {
    guard let first = input.first else { return }
    let ndjson = first % 2 == 1
    let folder = scratch.appendingPathComponent("extract")
    try? FileManager.default.removeItem(at: folder)
    try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let name = ndjson ? "people.ndjson" : "people.csv"
    try? Data(input.dropFirst()).write(to: folder.appendingPathComponent(name))
    guard let pack = ndjson ? nestedPack : tinyPack else { return }
    _ = try? ExtractReader(pack: pack, directory: folder.path).read()
  }

  /// The packs in `Fuzz/packs`, compiled once.
  static let tinyPack = try? PackCompiler.compile(directory: packs + "/tiny").get()
  static let nestedPack = try? PackCompiler.compile(directory: packs + "/nested").get()
  static let packs = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fuzz/packs")
    .path

  /// A folder of this process's own for the files a target writes.
  static let scratch = FileManager.default.temporaryDirectory
    .appendingPathComponent("signpost-fuzz-\(ProcessInfo.processInfo.processIdentifier)")
}
