import Foundation
import SignpostRules

/// Writes a synthetic population as the partners' extracts a schema describes: one CSV per
/// table at the table's path under the output folder, with the deliberately bad rows, and
/// `synth-manifest.json`.
public enum ExtractWriter {
  /// The manifest's file name in the output folder.
  public static let manifestName = "synth-manifest.json"

  /// Writes every CSV table of `schema` under `directory` in the configuration's shape, the
  /// linkage file if the shape has partner tables, and the manifest; returns the manifest.
  public static func write(
    _ population: SyntheticPopulation, schema: Schema, to directory: String
  ) throws -> SynthManifest {
    let values = ValueModel(population, schema: schema)
    let shape = population.configuration.shape
    var layouts: [TableLayout] = []
    var skipped: [String] = []
    let chosen = schema.sources.map { ($0, tables(of: $0, shape: shape)) }
    // The register is the first person table keyed by person ids whose source supplies the
    // birth date, else the first keyed by person ids.
    let personTables = chosen.flatMap { source, tables in
      tables.filter { $0.content == .person && $0.format == .csv && $0.idSystem == nil }
        .map { (source, $0) }
    }
    let register =
      personTables.first { source, _ in
        schema.personFields.contains {
          $0.sources.contains(source.id) && $0.name == schema.birthDateField
        }
      } ?? personTables.first
    for (source, tables) in chosen {
      // In the tidy shape, a source that also has partner tables is the council's normalised
      // copy, written in the record model's own values.
      let canonical = shape == .tidy && source.tables.contains { $0.idSystem != nil }
      let owners = fieldOwners(source, tables: tables, schema: schema)
      for (position, table) in tables.enumerated() {
        let isRegister = register.map { $0.0.id == source.id && $0.1.path == table.path } ?? false
        let laid = TableLayout.layouts(
          table, source: source, schema: schema, population: population, values: values,
          isRegister: isRegister,
          fields: schema.personFields.filter { owners[$0.name] == position }, canonical: canonical)
        if laid.isEmpty {
          skipped.append("\(table.path): only CSV person, event and link tables are generated")
        }
        layouts += laid
      }
    }

    var nextIndex = BadRowPlanner.firstExtraIndex(population)
    let duplicates = shape == .partner ? assignSecondIDs(&layouts, population, &nextIndex) : [:]
    var planner = BadRowPlanner(
      layouts: layouts, population: population, values: values,
      preferPartnerTables: shape == .partner)
    var plans = planner.plan(population.configuration.badRows)
    if shape == .partner {
      plans += planner.linkageFaults(nextIndex: &nextIndex)
      planner.number(&plans)
    }

    var files: [SynthManifest.File] = []
    var cells: [Cell] = []
    for (position, layout) in layouts.enumerated() {
      let path =
        directory.hasSuffix("/") ? directory + layout.path : directory + "/" + layout.path
      let writer = try CSVFileWriter(path: path)
      try writer.write(texts: layout.columns.map(\.name), formatter: layout.formatter)
      let bad = BadRowPlanner.rows(of: position, in: plans)
      var next = 0
      for row in 0..<layout.rowCount {
        while next < bad.count, bad[next].insertAfter == row {
          try writer.write(texts: bad[next].texts, formatter: layout.formatter)
          next += 1
        }
        layout.fill(row, &cells, values: values)
        try writer.write(cells, columns: layout.columns, formatter: layout.formatter)
      }
      while next < bad.count {
        try writer.write(texts: bad[next].texts, formatter: layout.formatter)
        next += 1
      }
      try writer.close()
      let kind: String =
        switch layout.table.content {
        case .person: "person"
        case .events: "events"
        case .links: "links"
        case .nested: "nested"
        }
      files.append(
        SynthManifest.File(
          path: layout.path, kind: kind, columns: layout.columns.map(\.name),
          rows: writer.lines - 1, badRows: bad.filter { $0.linkageFault == nil }.count))
    }

    var linkageManifest: SynthManifest.Linkage?
    if let linkage = schema.linkage,
      let written = try writeLinkage(
        linkage, layouts: layouts, plans: plans, duplicates: duplicates, population: population,
        to: directory)
    {
      files.append(written.file)
      linkageManifest = written.manifest
    }

    let badRows = plans.filter { $0.linkageFault == nil }.sorted {
      (layouts[$0.table].path, $0.line) < (layouts[$1.table].path, $1.line)
    }
    .map { plan in
      SynthManifest.BadRow(
        file: layouts[plan.table].path, line: plan.line, kind: plan.kind,
        column: plan.column, value: plan.value, problem: plan.problem)
    }
    let configuration = population.configuration
    let manifest = SynthManifest(
      generator: "signpost synth", shape: shape, seed: configuration.seed,
      people: configuration.people, persons: population.personCount,
      households: population.householdCount, asOf: configuration.asOf.description, files: files,
      badRows: badRows, linkage: linkageManifest, skipped: skipped)
    let manifestPath = (directory as NSString).appendingPathComponent(manifestName)
    guard var data = try? manifest.json() else { throw SynthError.cannotWrite(manifestPath) }
    data.append(10)
    guard FileManager.default.createFile(atPath: manifestPath, contents: data) else {
      throw SynthError.cannotWrite(manifestPath)
    }
    return manifest
  }

  /// The tables of a source a shape writes: the tidy shape those keyed by person ids; the
  /// partner shape those keyed by an id system, or the others where the source has none.
  /// Tables that take only some rows of a shared file (`where:`, the one-events-file shape)
  /// are another shape of the same lists and are not written.
  static func tables(of source: SourceDeclaration, shape: ExtractShape) -> [SourceTable] {
    let tidy = source.tables.filter { $0.idSystem == nil && $0.filter.isEmpty }
    guard shape == .partner else { return tidy }
    let partner = source.tables.filter { $0.idSystem != nil }
    return partner.isEmpty ? tidy : partner
  }

  /// Which of a source's tables writes each of its person fields (by position in `tables`):
  /// a derived field the table that derives it; any other the first person table with one
  /// row per person (else the first person table), so that no field is written twice.
  static func fieldOwners(_ source: SourceDeclaration, tables: [SourceTable], schema: Schema)
    -> [String: Int]
  {
    let persons = tables.indices.filter { tables[$0].content == .person }
    let main = persons.first { !tables[$0].manyRows } ?? persons.first
    var owners: [String: Int] = [:]
    for field in schema.personFields where field.sources.contains(source.id) {
      if let deriving = persons.first(where: {
        tables[$0].derive.contains { $0.field == field.name }
      }) {
        owners[field.name] = deriving
      } else if let main {
        owners[field.name] = main
      }
    }
    return owners
  }

  /// Gives some persons a second id in a partner's system (a temporary UPN, a second police
  /// nominal, an NHS number from another trust): 3% of those with two or more records in one
  /// of its tables, whose every other record (every other term) is then filed under the
  /// second id. Returns the second id index of each such person, by system.
  static func assignSecondIDs(
    _ layouts: inout [TableLayout], _ population: SyntheticPopulation, _ nextIndex: inout Int
  ) -> [String: [Int32: Int32]] {
    let systems = Array(Set(layouts.compactMap(\.table.idSystem))).sorted()
    var result: [String: [Int32: Int32]] = [:]
    for system in systems {
      var counts: [String: [Int32: Int]] = [:]
      for layout in layouts where layout.table.idSystem == system && !layout.table.isPersonOnly {
        for row in 0..<layout.rowCount {
          counts[layout.table.path, default: [:]][layout.person(ofRow: row), default: 0] += 1
        }
      }
      var eligible = Set<Int32>()
      for table in counts.values {
        for (person, count) in table where count >= 2 { eligible.insert(person) }
      }
      var aliases: [Int32: Int32] = [:]
      for person in eligible.sorted() {
        var random = SynthRandom(
          seed: population.configuration.seed, stream: ValueModel.hash("second-id." + system),
          index: UInt64(person))
        guard random.chance(0.03) else { continue }
        aliases[person] = Int32(nextIndex)
        nextIndex += 1
      }
      result[system] = aliases
      guard !aliases.isEmpty else { continue }
      for position in layouts.indices where layouts[position].table.idSystem == system {
        let layout = layouts[position]
        var keys: [Int32] = []
        var seen: [Int32: Int] = [:]
        for row in 0..<layout.rowCount {
          let person = layout.person(ofRow: row)
          var occurrence = seen[person, default: 0]
          seen[person] = occurrence + 1
          if case .terms(_, let terms, _) = layout.rows { occurrence = Int(terms[row]) }
          let second = layout.table.isPersonOnly ? nil : aliases[person]
          keys.append(occurrence % 2 == 1 ? (second ?? person) : person)
        }
        layouts[position].keys = keys
      }
    }
    return result
  }

  /// Writes the linkage file joining the partners' own ids (in tables with an `id_system`)
  /// to person ids: every id used is matched, deterministically (score 1) or with a high score;
  /// a person's second id always probabilistically. The extra records planned as unmatched
  /// get no row, a row below the minimum score, or rows naming two persons. Rows are in
  /// system, then source id order.
  static func writeLinkage(
    _ linkage: LinkageDeclaration, layouts: [TableLayout], plans: [BadRowPlan],
    duplicates: [String: [Int32: Int32]], population: SyntheticPopulation,
    to directory: String
  ) throws -> (file: SynthManifest.File, manifest: SynthManifest.Linkage)? {
    let systems = Array(Set(layouts.compactMap(\.table.idSystem))).sorted()
    guard !systems.isEmpty else { return nil }
    let path = TableLayout.fill(linkage.path, with: population.configuration.asOf.description)
    let writer = try CSVFileWriter(path: (directory as NSString).appendingPathComponent(path))
    let plain = CellFormatter(format: .standard, idDigits: population.idDigits)
    let header = LinkageDeclaration.columnNames.map { linkage.column($0) }
    try writer.write(texts: header, formatter: plain)
    let low = max(linkage.minimumScore, 0.9)
    var systemSummaries: [SynthManifest.Linkage.System] = []
    var duplicateEntries: [SynthManifest.Linkage.Duplicate] = []
    for system in systems {
      let foreign = CellFormatter(
        format: .standard, idDigits: population.idDigits, idSystem: system)
      var used = Array(repeating: false, count: population.personCount)
      var secondUsed = Set<Int32>()
      for layout in layouts where layout.table.idSystem == system {
        for row in 0..<layout.rowCount {
          let person = layout.person(ofRow: row)
          let key = layout.key(ofRow: row)
          if key == person { used[Int(person)] = true } else { secondUsed.insert(person) }
          if case .links(let links) = layout.rows { used[Int(links[row].to)] = true }
        }
      }
      for plan in plans where layouts[plan.table].table.idSystem == system {
        if let person = plan.absentPerson { used[person] = true }
      }
      var rows: [(id: String, person: Int, method: String, score: Double)] = []
      for person in used.indices where used[person] {
        var random = SynthRandom(
          seed: population.configuration.seed, stream: ValueModel.hash("linkage." + system),
          index: UInt64(person))
        let exact = random.chance(0.95)
        rows.append(
          (
            foreign.personID(person), person, exact ? "deterministic" : "probabilistic",
            exact ? 1 : low + (1 - low) * random.uniform()
          ))
      }
      let aliases = duplicates[system] ?? [:]
      for person in secondUsed.sorted() {
        guard let second = aliases[person] else { continue }
        var random = SynthRandom(
          seed: population.configuration.seed, stream: ValueModel.hash("second-id." + system),
          index: UInt64(second))
        rows.append(
          (
            foreign.personID(Int(second)), Int(person), "probabilistic",
            low + (1 - low) * random.uniform()
          ))
        duplicateEntries.append(
          SynthManifest.Linkage.Duplicate(
            system: system, personId: plain.personID(Int(person)),
            sourceIds: [foreign.personID(Int(person)), foreign.personID(Int(second))]))
      }
      var unmatched = 0
      for plan in plans where layouts[plan.table].table.idSystem == system {
        guard let fault = plan.linkageFault else { continue }
        unmatched += 1
        var random = SynthRandom(
          seed: population.configuration.seed, stream: ValueModel.hash("linkage.fault"),
          index: UInt64(fault.idIndex))
        let id = foreign.personID(fault.idIndex)
        switch fault.kind {
        case .noLink: break
        case .belowMinimum:
          let score = max(0.5, linkage.minimumScore - 0.05 - 0.3 * random.uniform())
          for candidate in fault.candidates {
            rows.append((id, candidate, "probabilistic", score))
          }
        case .ambiguous:
          for candidate in fault.candidates {
            rows.append((id, candidate, "probabilistic", low + (1 - low) * random.uniform()))
          }
        }
      }
      rows.sort { ($0.id, $0.person) < ($1.id, $1.person) }
      for row in rows {
        try writer.write(
          texts: [system, row.id, plain.personID(row.person), row.method, scoreText(row.score)],
          formatter: plain)
      }
      systemSummaries.append(
        SynthManifest.Linkage.System(
          system: system, rows: rows.count,
          secondIds: secondUsed.filter { aliases[$0] != nil }.count,
          unmatchedRecords: unmatched))
    }
    try writer.close()
    let unmatchedRows = plans.compactMap { plan -> SynthManifest.Linkage.Unmatched? in
      guard let fault = plan.linkageFault, let system = layouts[plan.table].table.idSystem
      else { return nil }
      return SynthManifest.Linkage.Unmatched(
        file: layouts[plan.table].path, line: plan.line, system: system,
        sourceId: plan.value ?? "", kind: fault.kind, problem: plan.problem)
    }.sorted { ($0.file, $0.line) < ($1.file, $1.line) }
    let file = SynthManifest.File(
      path: path, kind: "linkage", columns: header, rows: writer.lines - 1, badRows: 0)
    return (
      file,
      SynthManifest.Linkage(
        path: path, minimumScore: linkage.minimumScore, systems: systemSummaries,
        duplicates: duplicateEntries, unmatched: unmatchedRows)
    )
  }

  /// A match score with three decimals.
  static func scoreText(_ score: Double) -> String {
    let thousandths = Int((score * 1000).rounded(.down))
    let fraction = String(thousandths % 1000)
    return "\(thousandths / 1000)." + String(repeating: "0", count: 3 - fraction.count) + fraction
  }
}

extension SourceTable {
  /// Whether the table holds one row per person (not events, not several rows each).
  fileprivate var isPersonOnly: Bool { content == .person && !manyRows }
}
