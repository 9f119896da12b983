import Foundation
import SignpostRules
import SignpostSynth
import Testing

/// The repository's root folder.
let repositoryRoot = URL(fileURLWithPath: #filePath)
  .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// The as-of date the tests use.
let testAsOf = PackDate(year: 2025, month: 4, day: 1) ?? PackDate(daysSinceEpoch: 20_179)

/// The Wigan pack's schema.
func wiganSchema() throws -> Schema {
  try SynthSchemaLoader.load(directory: repositoryRoot.appendingPathComponent("rules/wigan").path)
    .get()
}

/// A fresh temporary folder; remove it with ``removeFolder(_:)``.
func temporaryFolder(_ name: String = "synth") -> URL {
  FileManager.default.temporaryDirectory
    .appendingPathComponent("signpost-\(name)-\(UUID().uuidString)")
}

func removeFolder(_ url: URL) {
  try? FileManager.default.removeItem(at: url)
}

/// Generates Wigan extracts into a new temporary folder.
func generate(
  people: Int, seed: UInt64, badRows: Int = SynthConfiguration.defaultBadRows,
  schema: Schema? = nil, shape: ExtractShape = .tidy
) throws -> (folder: URL, manifest: SynthManifest) {
  let folder = temporaryFolder()
  let configuration = SynthConfiguration(
    people: people, seed: seed, asOf: testAsOf, badRows: badRows, shape: shape)
  let output = try SyntheticExtract.generate(
    schema: try schema ?? wiganSchema(), configuration: configuration, to: folder.path)
  return (folder, output.manifest)
}

/// The contents of every file in a folder and its sub-folders, by relative path, in path
/// order.
func contents(of folder: URL) throws -> [(name: String, data: Data)] {
  let paths =
    FileManager.default.enumerator(atPath: folder.path)?.compactMap { $0 as? String }
    ?? []
  var result: [(name: String, data: Data)] = []
  for path in paths.sorted() {
    var isFolder: ObjCBool = false
    let url = folder.appendingPathComponent(path)
    guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder),
      !isFolder.boolValue
    else { continue }
    result.append((path, try Data(contentsOf: url)))
  }
  return result
}

/// Reads a CSV file (RFC 4180, as the generator writes it) into rows of cells, header first.
func readCSV(_ url: URL) throws -> [[String]] {
  let text = try String(contentsOf: url, encoding: .utf8)
  var rows: [[String]] = []
  var row: [String] = []
  var cell = ""
  var quoted = false
  var iterator = text.makeIterator()
  var pending: Character? = nil
  while let character = pending ?? iterator.next() {
    pending = nil
    if quoted {
      if character == "\"" {
        if let next = iterator.next() {
          if next == "\"" {
            cell.append("\"")
          } else {
            quoted = false
            pending = next
          }
        } else {
          quoted = false
        }
      } else {
        cell.append(character)
      }
      continue
    }
    switch character {
    case "\"": quoted = true
    case ",":
      row.append(cell)
      cell = ""
    case "\n":
      row.append(cell)
      rows.append(row)
      row = []
      cell = ""
    default: cell.append(character)
    }
  }
  if !cell.isEmpty || !row.isEmpty {
    row.append(cell)
    rows.append(row)
  }
  return rows
}
