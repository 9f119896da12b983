import Foundation
import SignpostRules
import SignpostSource

/// A pack folder with the given schema (placeholder manifest, scoring and no indicators).
struct PackFixture {
  let directory: URL

  init(_ schema: String) throws {
    directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("signpost-pack-\(UUID().uuidString)")
    try FileManager.default.createDirectory(
      at: directory.appendingPathComponent("indicators"), withIntermediateDirectories: true)
    let files = [
      "pack.yaml": "id: fixture\nversion: 1\nowner: tests\neffective: 2025-01-01\n",
      "schema.yaml": schema,
      "scoring.yaml": "domains:\n  - { id: d, cap: 10 }\nbands:\n  - { id: low, min: 0 }\n",
      "indicators/i.yaml": "indicators: []\n",
    ]
    for (name, text) in files {
      try text.write(to: directory.appendingPathComponent(name), atomically: true, encoding: .utf8)
    }
  }

  /// The first line of each diagnostic, with the folder written as `PACK`.
  func diagnostics() -> [String] {
    switch PackCompiler.compile(directory: directory.path) {
    case .success: return []
    case .failure(let error):
      return error.diagnostics.map { diagnostic in
        DiagnosticRenderer.render([diagnostic]).split(separator: "\n").first.map(String.init)?
          .replacingOccurrences(of: directory.path, with: "PACK") ?? ""
      }
    }
  }

  func compile() throws -> CompiledPack {
    try PackCompiler.compile(directory: directory.path).get()
  }

  func remove() { try? FileManager.default.removeItem(at: directory) }
}
