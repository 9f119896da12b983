import Foundation
import SignpostRules

/// Writes a synthetic population as the partners' extracts a schema describes: one CSV per
/// table at the table's path under the output folder, with the deliberately bad rows, and
/// `synth-manifest.json`.
public enum ExtractWriter {
  /// The manifest's file name in the output folder.
  public static let manifestName = "synth-manifest.json"

  /// Writes every CSV table of `schema` under `directory`, and the manifest; returns it.
  public static func write(
    _ population: SyntheticPopulation, schema: Schema, to directory: String
  ) throws -> SynthManifest {
    let values = ValueModel(population, schema: schema)
    var layouts: [TableLayout] = []
    var skipped: [String] = []
    // The register is the first person table keyed by person ids whose source supplies the
    // birth date, else the first keyed by person ids.
    let personTables = schema.sources.flatMap { source in
      source.tables.filter { $0.content == .person && $0.format == .csv && $0.idSystem == nil }
        .map { (source, $0) }
    }
    let register =
      personTables.first { source, _ in
        schema.personFields.contains {
          $0.sources.contains(source.id) && $0.name == schema.birthDateField
        }
      } ?? personTables.first
    for source in schema.sources {
      for table in source.tables {
        let isRegister = register.map { $0.0.id == source.id && $0.1.path == table.path } ?? false
        if let layout = TableLayout(
          table, source: source, schema: schema, population: population, values: values,
          isRegister: isRegister)
        {
          layouts.append(layout)
        } else {
          skipped.append("\(table.path): only CSV person, event and link tables are generated")
        }
      }
    }

    var planner = BadRowPlanner(layouts: layouts, population: population, values: values)
    let plans = planner.plan(population.configuration.badRows)

    var files: [SynthManifest.File] = []
    var cells: [Cell] = []
    for (position, layout) in layouts.enumerated() {
      let path =
        directory.hasSuffix("/")
        ? directory + layout.table.path : directory + "/" + layout.table.path
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
          path: layout.table.path, kind: kind, columns: layout.columns.map(\.name),
          rows: writer.lines - 1, badRows: bad.count))
    }

    if let linkage = schema.linkage,
      let file = try writeLinkage(
        linkage, layouts: layouts, plans: plans, population: population, to: directory)
    {
      files.append(file)
    }

    let badRows = plans.sorted {
      (layouts[$0.table].table.path, $0.line) < (layouts[$1.table].table.path, $1.line)
    }
    .map { plan in
      SynthManifest.BadRow(
        file: layouts[plan.table].table.path, line: plan.line, kind: plan.kind,
        column: plan.column, value: plan.value, problem: plan.problem)
    }
    let configuration = population.configuration
    let manifest = SynthManifest(
      generator: "signpost synth", seed: configuration.seed, people: configuration.people,
      persons: population.personCount, households: population.householdCount,
      asOf: configuration.asOf.description, files: files, badRows: badRows, skipped: skipped)
    let manifestPath = (directory as NSString).appendingPathComponent(manifestName)
    guard var data = try? manifest.json() else { throw SynthError.cannotWrite(manifestPath) }
    data.append(10)
    guard FileManager.default.createFile(atPath: manifestPath, contents: data) else {
      throw SynthError.cannotWrite(manifestPath)
    }
    return manifest
  }

  /// Writes the linkage file joining the partners' own ids (in tables with an `id_system`)
  /// to person ids: every id used is matched, deterministically or with a high score.
  static func writeLinkage(
    _ linkage: LinkageDeclaration, layouts: [TableLayout], plans: [BadRowPlan],
    population: SyntheticPopulation, to directory: String
  ) throws -> SynthManifest.File? {
    let systems = Array(Set(layouts.compactMap(\.table.idSystem))).sorted()
    guard !systems.isEmpty else { return nil }
    let path = linkage.path.replacingOccurrences(of: "*", with: "all")
      .replacingOccurrences(of: "?", with: "x")
    let writer = try CSVFileWriter(path: (directory as NSString).appendingPathComponent(path))
    let plain = CellFormatter(format: .standard, idDigits: population.idDigits)
    let header = LinkageDeclaration.columnNames.map { linkage.column($0) }
    try writer.write(texts: header, formatter: plain)
    for system in systems {
      var used = Array(repeating: false, count: population.personCount)
      for layout in layouts where layout.table.idSystem == system {
        for row in 0..<layout.rowCount {
          used[Int(layout.person(ofRow: row))] = true
          if case .links(let links) = layout.rows { used[Int(links[row].to)] = true }
        }
      }
      for plan in plans where layouts[plan.table].table.idSystem == system {
        if let person = plan.absentPerson { used[person] = true }
      }
      let foreign = CellFormatter(
        format: .standard, idDigits: population.idDigits, idSystem: system)
      for person in used.indices where used[person] {
        var random = SynthRandom(
          seed: population.configuration.seed, stream: ValueModel.hash("linkage." + system),
          index: UInt64(person))
        let exact = random.chance(0.95)
        let low = max(linkage.minimumScore, 0.9)
        let score = exact ? 1 : low + (1 - low) * random.uniform()
        try writer.write(
          texts: [
            system, foreign.personID(person), plain.personID(person),
            exact ? "deterministic" : "probabilistic",
            Self.scoreText(score),
          ], formatter: plain)
      }
    }
    try writer.close()
    return SynthManifest.File(
      path: path, kind: "linkage", columns: header, rows: writer.lines - 1, badRows: 0)
  }

  /// A match score with three decimals.
  static func scoreText(_ score: Double) -> String {
    let thousandths = Int((score * 1000).rounded(.down))
    let fraction = String(thousandths % 1000)
    return "\(thousandths / 1000)." + String(repeating: "0", count: 3 - fraction.count) + fraction
  }
}
