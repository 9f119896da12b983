import Foundation
import SignpostRules
import SignpostSource

/// A pack folder in a temporary folder that a test may break in its own way: a copy of a
/// fixture pack with some files edited or replaced, or a placeholder pack around one schema.
/// The test removes it with ``remove()``.
public struct PackFixture: Sendable {
  public let directory: URL

  /// A copy of `Tests/Fixtures/packs/<name>`, with `edits` applied to files (see
  /// ``replacing(_:with:)``) and `files` written over it.
  public init(
    _ name: String = "tiny", edits: [String: @Sendable (String) -> String] = [:],
    files: [String: String] = [:]
  ) throws {
    directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("signpost-pack-\(UUID().uuidString)")
    try FileManager.default.copyItem(
      at: fixtures.appendingPathComponent("packs/\(name)"), to: directory)
    for (path, edit) in edits {
      let url = directory.appendingPathComponent(path)
      let text = try String(contentsOf: url, encoding: .utf8)
      try edit(text).write(to: url, atomically: true, encoding: .utf8)
    }
    try write(files)
  }

  /// A pack with the given schema and a placeholder manifest (in `timeZone` when given),
  /// scoring and no indicators.
  public init(schema: String, timeZone: String? = nil) throws {
    directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("signpost-pack-\(UUID().uuidString)")
    try FileManager.default.createDirectory(
      at: directory.appendingPathComponent("indicators"), withIntermediateDirectories: true)
    let zone = timeZone.map { "time_zone: \($0)\n" } ?? ""
    try write([
      "pack.yaml": "id: fixture\nversion: 1\nowner: tests\neffective: 2025-01-01\n" + zone,
      "schema.yaml": schema,
      "scoring.yaml": "domains:\n  - { id: d, cap: 10 }\nbands:\n  - { id: low, min: 0 }\n",
      "indicators/i.yaml": "indicators: []\n",
    ])
  }

  /// Writes files (relative path → text) into the pack, creating folders as needed.
  public func write(_ files: [String: String]) throws {
    for (path, text) in files {
      let url = directory.appendingPathComponent(path)
      try FileManager.default.createDirectory(
        at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      try text.write(to: url, atomically: true, encoding: .utf8)
    }
  }

  /// Compiles the pack.
  public func compile() -> Result<CompiledPack, DiagnosticsError> {
    PackCompiler.compile(directory: directory.path)
  }

  /// Every diagnostic, rendered, with the temporary folder written as `PACK`.
  public func diagnostics() -> String {
    switch compile() {
    case .success: return ""
    case .failure(let error):
      return DiagnosticRenderer.render(error.diagnostics)
        .replacingOccurrences(of: directory.path, with: "PACK")
    }
  }

  /// The first line of each diagnostic (`PACK/file:line:column: error: message`).
  public func diagnosticLines() -> [String] {
    switch compile() {
    case .success: return []
    case .failure(let error):
      return error.diagnostics.map { diagnostic in
        DiagnosticRenderer.render([diagnostic]).split(separator: "\n").first.map(String.init)?
          .replacingOccurrences(of: directory.path, with: "PACK") ?? ""
      }
    }
  }

  public func remove() { try? FileManager.default.removeItem(at: directory) }
}

/// Replaces one exact piece of text, so an edit that no longer applies is noticed.
public func replacing(_ old: String, with new: String) -> @Sendable (String) -> String {
  { text in
    precondition(text.contains(old), "fixture no longer contains \(old)")
    return text.replacingOccurrences(of: old, with: new)
  }
}
