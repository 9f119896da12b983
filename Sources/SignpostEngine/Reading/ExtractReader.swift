import Foundation
import SignpostCEL
import SignpostRules
import SignpostSource

#if canImport(CMalloc)
  import CMalloc
#endif

/// Reads a folder of partner extracts, as a pack's `schema.yaml` maps them, into a
/// ``Population``. Every row is used or rejected with its file, line, field and reason;
/// records keyed by a partner's own ids are joined to persons through the linkage file, and
/// those it cannot join are counted as unmatched.
public struct ExtractReader {
  let pack: CompiledPack
  let directory: String
  let strict: Bool

  public init(pack: CompiledPack, directory: String, strict: Bool = false) {
    self.pack = pack
    self.directory = directory.hasSuffix("/") ? String(directory.dropLast()) : directory
    self.strict = strict
  }

  var schema: Schema { pack.schema }

  /// One file of a source table, found in the input folder.
  struct SuppliedTable {
    let source: SourceDeclaration
    let table: SourceTable
    /// The table's position among its source's tables.
    let tableIndex: Int
    /// The file's path relative to the input folder, as reports name it.
    let path: String
    let parser: ValueParser

    /// Whether the table adds persons: a person table keyed by the pack's own ids, or a
    /// nested file (whose records are persons).
    var addsPersons: Bool {
      switch table.content {
      case .person: table.idSystem == nil
      case .nested: true
      case .events, .links: false
      }
    }
  }

  /// Reads the folder, its files' SHA-256 digests included.
  public func read() throws(ExtractReadError) -> ExtractReadResult {
    try readHashingOn().finished()
  }

  /// Reads the folder and returns as soon as the population is built, while a thread of the
  /// idle class finishes hashing the files (``HashingExtractRead/finished()`` waits for the
  /// digests), so that evaluation can use the cores the hashing would have waited for.
  public func readHashingOn() throws(ExtractReadError) -> HashingExtractRead {
    let plan = try ReadPlan(schema: schema, directory: directory)
    var supplied: [SuppliedTable] = []
    var missing: [String] = []
    for source in schema.sources {
      let parser = ValueParser(format: source.format, timeZone: pack.manifest.timeZone)
      for (t, table) in source.tables.enumerated() {
        let paths = plan.paths(source: source.id, table: t)
        if paths.isEmpty { missing.append(table.path) }
        for path in paths {
          supplied.append(
            SuppliedTable(source: source, table: table, tableIndex: t, path: path, parser: parser))
        }
      }
    }
    // The CSV files hashed in the order they are read, on a thread that takes only idle cores.
    let csv = supplied.filter { $0.table.format == .csv }
    let persons = csv.filter { $0.table.content == .person }
    let ownPersons: [String] = persons.filter(\.addsPersons).map(\.path)
    let partnerPersons: [String] = persons.filter { $0.table.idSystem != nil }.map(\.path)
    let others: [String] = csv.filter { $0.table.content != .person }.map(\.path)
    let digests = FileDigests(
      directory: directory, paths: ownPersons + plan.linkagePaths + partnerPersons + others)
    var handedOver = false
    defer { if !handedOver { digests.stop() } }
    var state = ReadState(schema: schema, strict: strict, directory: directory)
    state.suppliedSources = Set(supplied.map(\.source.id))
    func derivations(_ table: SuppliedTable) -> [Derivation] {
      pack.derivations[SourceTableKey(source: table.source.id, table: table.tableIndex)] ?? []
    }
    // Persons keyed by the pack's own ids first; then the linkage, checked against them;
    // then the tables joined through it; then events and links.
    /// Reads person tables, each table's files together so that `derive` sees every row.
    /// Tables of the pack's own ids are opened one ahead, so that the workers move on to the
    /// next file's chunks while the merge finishes this one's (partner tables need the
    /// linkage, and are opened in turn).
    func readPersonTables(keyedByPartnerIDs: Bool) throws(ExtractReadError) {
      let tables = supplied.filter {
        $0.table.content == .person && ($0.table.idSystem != nil) == keyedByPartnerIDs
      }
      func open(_ t: Int) -> OpenPersonTable {
        OpenPersonTable(
          tables[t], derivations: derivations(tables[t]), schema: schema, directory: directory,
          linkage: state.linkage)
      }
      var upcoming: OpenPersonTable?
      defer { upcoming?.cancel() }
      var start = 0
      while start < tables.count {
        let first = tables[start]
        var end = start + 1
        while end < tables.count, tables[end].source.id == first.source.id,
          tables[end].tableIndex == first.tableIndex
        {
          end += 1
        }
        let programs = derivations(first)
        var collected = ReadState.DerivationRows()
        for t in start..<end {
          let current = upcoming ?? open(t)
          upcoming = !keyedByPartnerIDs && t + 1 < tables.count ? open(t + 1) : nil
          if let following = upcoming?.chunks?.pipeline {
            current.chunks?.pipeline.handOff(to: following)
          }
          try state.readPersonTable(current, collecting: &collected)
        }
        state.derive(collected, derivations: programs, source: first.source.id)
        try state.applyDefaults(first, rows: collected)
        start = end
      }
    }
    try readPersonTables(keyedByPartnerIDs: false)
    for table in supplied where table.table.content == .nested {
      try state.readNested(table, pass: .persons)
    }
    if let linkage = schema.linkage {
      try state.readLinkage(linkage, paths: plan.linkagePaths)
    }
    try readPersonTables(keyedByPartnerIDs: true)
    state.settleWarnings()
    state.settleSupply(supplied: supplied)
    // Event tables reading the same CSV file (told apart by `where:`) share one pass. The
    // event and links files are read first, several at once; each is then taken in, in the
    // schema's order among the nested tables, so reports and rejects keep that order.
    var eventGroups: [String: [SuppliedTable]] = [:]
    var eventPaths: [String] = []
    for table in supplied where table.table.format == .csv {
      guard case .events = table.table.content else { continue }
      if eventGroups[table.path] == nil { eventPaths.append(table.path) }
      eventGroups[table.path, default: []].append(table)
    }
    let reads = state.readEventAndLinkFiles(
      events: eventPaths.compactMap { eventGroups[$0] },
      links: supplied.filter { $0.table.content == .links })
    var eventReads = reads.events
    // Each links file's read let go once taken, so that its chunks are freed as they are.
    var linkReads = reads.links.map(Optional.some)
    var nextLinks = 0
    for table in supplied {
      switch table.table.content {
      case .events:
        guard let read = eventReads.removeValue(forKey: table.path) else { continue }
        try state.takeEvents(read)
      case .links:
        guard nextLinks < linkReads.count, let read = linkReads[nextLinks] else { continue }
        linkReads[nextLinks] = nil
        nextLinks += 1
        try state.takeLinks(read)
      case .nested: try state.readNested(table, pass: .eventsAndLinks)
      case .person: break
      }
    }
    state.withdrawWhollyRejectedSources()
    let population = state.takeBuilder().build()
    // Rejects in file order, then line order, whatever pass found them.
    let order = Dictionary(
      state.files.enumerated().map { ($1.path, $0) }, uniquingKeysWith: { first, _ in first })
    let rejects = state.rejects.enumerated().sorted { a, b in
      let (fa, fb) = (order[a.element.file] ?? .max, order[b.element.file] ?? .max)
      if fa != fb { return fa < fb }
      if a.element.line != b.element.line { return a.element.line < b.element.line }
      return a.offset < b.offset
    }.map(\.element)
    // A table whose file is absent matters only if no other file supplies what it would:
    // a folder of partner extracts leaves the tidy tables out, and the other way round.
    let notCovered = missing.filter { path in
      guard
        let (source, table) = schema.sources.lazy.compactMap({ source in
          source.tables.first { $0.path == path }.map { (source, $0) }
        }).first
      else { return true }
      return !state.covers(table, of: source, supplied: supplied)
    }
    #if canImport(CMalloc)
      // The chunks were allocated on the pipeline's threads, whose malloc arenas keep the
      // freed memory; give it back before evaluation allocates on other threads.
      _ = malloc_trim(0)
    #endif
    handedOver = true
    return HashingExtractRead(
      unhashed: ExtractReadResult(
        population: population, files: state.files, rejects: rejects, missingTables: notCovered,
        ignoredFiles: plan.ignored, directory: directory,
        personTablePaths: Set(supplied.filter(\.addsPersons).map(\.path))),
      digests: digests)
  }
}

/// A read whose population is ready while its files are still being hashed.
public struct HashingExtractRead: Sendable {
  /// The read, every file's `sha256` still empty.
  fileprivate let unhashed: ExtractReadResult
  fileprivate let digests: FileDigests

  /// The persons read, ready to evaluate.
  public var population: Population { unhashed.population }

  /// ``ExtractReadResult/requirePersons()``.
  public func requirePersons() throws(ExtractReadError) { try unhashed.requirePersons() }

  /// The read with every file's digest: lifts the hashing thread to the normal class and
  /// hashes what is left beside it. Throws for a file that could no longer be read.
  public func finished() throws(ExtractReadError) -> ExtractReadResult {
    let hexDigests = try digests.hexDigests()
    var read = unhashed
    for f in read.files.indices {
      if let hex = hexDigests[read.files[f].path] { read.files[f].sha256 = hex }
    }
    return read
  }

  /// Stops the hashing thread after its current piece, for a run that ends without the
  /// digests; once ``finished()`` has returned, does nothing.
  public func cancel() { digests.stop() }
}

/// Finds the files a table path names under the input folder: the path itself, or every
/// file its `*` and `?` wildcards match (in the last path component), in name order.
enum InputFiles {
  static func matching(_ pattern: String, in directory: String) -> [String] {
    guard pattern.contains("*") || pattern.contains("?") else {
      return FileManager.default.fileExists(atPath: directory + "/" + pattern) ? [pattern] : []
    }
    let folder = PathText.folder(of: pattern)
    let name = PathText.lastComponent(of: pattern)
    let base = folder.isEmpty ? directory : directory + "/" + folder
    let entries = (try? FileManager.default.contentsOfDirectory(atPath: base)) ?? []
    return entries.filter { matches(Array($0.utf8)[...], Array(name.utf8)[...]) }.sorted()
      .map { folder.isEmpty ? $0 : folder + "/" + $0 }
  }

  /// Glob matching with `*` (any run) and `?` (any one byte).
  static func matches(_ text: ArraySlice<UInt8>, _ pattern: ArraySlice<UInt8>) -> Bool {
    guard let first = pattern.first else { return text.isEmpty }
    if first == UInt8(ascii: "*") {
      var rest = text
      while true {
        if matches(rest, pattern.dropFirst()) { return true }
        guard !rest.isEmpty else { return false }
        rest = rest.dropFirst()
      }
    }
    guard let head = text.first, first == UInt8(ascii: "?") || first == head else { return false }
    return matches(text.dropFirst(), pattern.dropFirst())
  }
}
