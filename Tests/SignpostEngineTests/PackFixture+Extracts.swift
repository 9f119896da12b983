import Foundation
import SignpostEngine
import SignpostRules
import SignpostTestSupport

extension PackFixture {
  /// A pack whose one source, `council`, supplies these person fields (YAML lines such as
  /// `ward: { type: string, source: council }`) from one `people.csv`.
  static func councilPeople(_ fields: String) throws -> PackFixture {
    try PackFixture(
      schema: """
        person:
          fields:
        \(fields.split(separator: "\n").map { "    " + $0 }.joined(separator: "\n"))
        sources:
          council:
            gateway: test
            tables:
              - { kind: person, path: people.csv }
        """)
  }

  /// Compiles the pack and reads `files` (relative path → text) as an extract with it.
  func read(_ files: [String: String]) throws -> ExtractReadResult {
    let folder = try TemporaryFolder("signpost-extract", files: files)
    defer { folder.remove() }
    return try ExtractReader(pack: try compile().get(), directory: folder.path).read()
  }

  /// Compiles the pack and reads one file of these bytes, at `path` in a folder of its own.
  func read(bytes: [UInt8], at path: String) throws -> ExtractReadResult {
    let folder = try TemporaryFolder("signpost-extract")
    defer { folder.remove() }
    try Data(bytes).write(to: folder.url.appendingPathComponent(path))
    return try ExtractReader(pack: try compile().get(), directory: folder.path).read()
  }

  /// Compiles the pack and profiles `files` as `signpost inspect` does.
  func inspect(_ files: [String: String]) throws -> (
    profiles: [FileProfile], read: ExtractReadResult
  ) {
    let folder = try TemporaryFolder("signpost-extract", files: files)
    defer { folder.remove() }
    return try ExtractInspector.inspect(pack: try compile().get(), directory: folder.path)
  }
}
