import Foundation
import SignpostCEL
import SignpostRules
import SignpostSource

/// Reads a folder of partner extracts, as a pack's `schema.yaml` maps them, into a
/// ``Population``. Every row is used or rejected with its file, line, field and reason.
public struct ExtractReader {
  let schema: Schema
  let directory: String
  let strict: Bool

  public init(schema: Schema, directory: String, strict: Bool = false) {
    self.schema = schema
    self.directory = directory.hasSuffix("/") ? String(directory.dropLast()) : directory
    self.strict = strict
  }

  /// One table of a source with its file's bytes, when the file exists.
  struct SuppliedTable {
    let source: SourceDeclaration
    let table: SourceTable
    /// The file's path relative to the input folder, as reports name it.
    let path: String
    let bytes: [UInt8]
    let parser: ValueParser
  }

  public func read() throws(ExtractReadError) -> ExtractReadResult {
    var supplied: [SuppliedTable] = []
    var missing: [String] = []
    for source in schema.sources {
      let parser = ValueParser(format: source.format)
      for table in source.tables {
        let path = directory + "/" + table.path
        if let data = FileManager.default.contents(atPath: path) {
          supplied.append(
            SuppliedTable(
              source: source, table: table, path: table.path, bytes: [UInt8](data), parser: parser))
        } else {
          missing.append(table.path)
        }
      }
    }
    var state = ReadState(schema: schema, strict: strict)
    state.suppliedSources = Set(supplied.map(\.source.id))
    // Persons first, so that events and links can be checked against them.
    for table in supplied where table.table.content == .person {
      try state.readPersonTable(table)
    }
    for table in supplied where table.table.content == .nested {
      try state.readNested(table, pass: .persons)
    }
    let population = state.buildPopulation(supplied: supplied)
    state.population = population
    for table in supplied {
      switch table.table.content {
      case .events(let list): try state.readEventTable(table, list: list)
      case .links: try state.readLinkTable(table)
      case .nested: try state.readNested(table, pass: .eventsAndLinks)
      case .person: break
      }
    }
    var finished = state.population
    finished.normaliseLinks()
    // Rejects in file order, then line order, whatever pass found them.
    let order = Dictionary(
      supplied.enumerated().map { ($1.path, $0) }, uniquingKeysWith: { first, _ in first })
    let rejects = state.rejects.enumerated().sorted { a, b in
      let (fa, fb) = (order[a.element.file] ?? 0, order[b.element.file] ?? 0)
      if fa != fb { return fa < fb }
      if a.element.line != b.element.line { return a.element.line < b.element.line }
      return a.offset < b.offset
    }.map(\.element)
    return ExtractReadResult(
      population: finished, files: state.files, rejects: rejects, missingTables: missing)
  }
}
