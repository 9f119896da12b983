import Foundation
import SignpostRules

/// A pack made from the tiny fixture with its schema replaced, for reader tests that need a
/// different record model. Indicators and tests that no longer fit are dropped.
struct PackFixture {
  let schema: String

  func compile() throws -> CompiledPack {
    let directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("signpost-pack-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: directory) }
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
    return try PackCompiler.compile(directory: directory.path).get()
  }
}
