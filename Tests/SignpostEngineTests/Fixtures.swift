import Foundation
import SignpostEngine
import SignpostRules

/// The shared fixtures folder, `Tests/Fixtures`.
let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
  .deletingLastPathComponent().appendingPathComponent("Fixtures")

/// The tiny fixture pack, compiled.
func tinyPack() throws -> CompiledPack {
  try PackCompiler.compile(directory: fixtures.appendingPathComponent("packs/tiny").path).get()
}

/// A temporary folder of extract files with the given contents, sub-folders included.
struct ExtractFolder {
  let url: URL

  init(_ files: [String: String]) throws {
    url = FileManager.default.temporaryDirectory
      .appendingPathComponent("signpost-extract-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    for (name, text) in files {
      let file = url.appendingPathComponent(name)
      try FileManager.default.createDirectory(
        at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
      try Data(text.utf8).write(to: file)
    }
  }

  var path: String { url.path }

  func remove() { try? FileManager.default.removeItem(at: url) }
}

let asOf = PackDate(daysSinceEpoch: 20_179)
