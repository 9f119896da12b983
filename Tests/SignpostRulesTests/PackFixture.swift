import Foundation
import SignpostRules
import SignpostSource

/// The folder holding the shared test fixtures.
let fixturesDirectory = URL(fileURLWithPath: #filePath)
  .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures")

/// A copy of a fixture pack in a temporary folder, with some files replaced or edited, so
/// that each test can break a pack in its own way.
struct PackFixture {
  let directory: URL

  init(
    _ name: String = "tiny", edits: [String: (String) -> String] = [:],
    files: [String: String] = [:]
  )
    throws
  {
    let source = fixturesDirectory.appendingPathComponent("packs/\(name)")
    directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("signpost-pack-\(UUID().uuidString)")
    try FileManager.default.copyItem(at: source, to: directory)
    for (path, edit) in edits {
      let url = directory.appendingPathComponent(path)
      let text = try String(contentsOf: url, encoding: .utf8)
      try edit(text).write(to: url, atomically: true, encoding: .utf8)
    }
    for (path, text) in files {
      let url = directory.appendingPathComponent(path)
      try FileManager.default.createDirectory(
        at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      try text.write(to: url, atomically: true, encoding: .utf8)
    }
  }

  /// Compiles the pack.
  func compile() -> Result<CompiledPack, DiagnosticsError> {
    PackCompiler.compile(directory: directory.path)
  }

  /// Every diagnostic, rendered, with the temporary folder written as `PACK`.
  func diagnostics() -> String {
    switch compile() {
    case .success: return ""
    case .failure(let error):
      return DiagnosticRenderer.render(error.diagnostics)
        .replacingOccurrences(of: directory.path, with: "PACK")
    }
  }

  func remove() {
    try? FileManager.default.removeItem(at: directory)
  }
}

/// Replaces one exact piece of text, so an edit that no longer applies is noticed.
func replacing(_ old: String, with new: String) -> (String) -> String {
  { text in
    precondition(text.contains(old), "fixture no longer contains \(old)")
    return text.replacingOccurrences(of: old, with: new)
  }
}
