import SignpostRules

/// Chooses where the deliberately bad rows go and what each looks like.
///
/// Each bad row is an extra row (no good row is lost): a copy of a good row with exactly one
/// thing wrong. Bad rows in person tables take an id that has no other row in that table
/// (a new id in the register, someone not in the table's scope elsewhere), so the only
/// problem is the one planted. An unknown person goes only in tables that refer to persons
/// (events, links, tables keyed by a partner's ids), since a person table adds whoever it names. Kinds cycle through ``BadRowKind``; each goes to a file no
/// earlier bad row used, while there is one.
struct BadRowPlanner {
  let layouts: [TableLayout]
  let population: SyntheticPopulation
  let values: ValueModel
  var random: SynthRandom
  /// The next id beyond everyone's, for new and unknown persons.
  var spare: Int
  /// Put bad rows in tables keyed by partners' ids where a kind fits one (partner shape).
  let preferPartnerTables: Bool

  init(
    layouts: [TableLayout], population: SyntheticPopulation, values: ValueModel,
    preferPartnerTables: Bool = false
  ) {
    self.layouts = layouts
    self.population = population
    self.values = values
    self.preferPartnerTables = preferPartnerTables
    random = SynthRandom(seed: population.configuration.seed, stream: 0xBAD, index: 0)
    spare = population.personCount
  }

  /// The first id index the writer may use for partners' extra ids: beyond every person's
  /// and every bad row's.
  static func firstExtraIndex(_ population: SyntheticPopulation) -> Int {
    population.personCount + population.configuration.badRows + 1000
  }

  /// Plans `count` bad rows, with their line numbers. The kinds with the fewest eligible
  /// tables choose first, so that each kind can have a file of its own.
  mutating func plan(_ count: Int) -> [BadRowPlan] {
    let kinds = BadRowKind.allCases
    var wanted: [(kind: BadRowKind, eligible: [Int])] = []
    for index in 0..<count {
      // A kind no table can hold gives way to the next one that some table can.
      for offset in 0..<kinds.count {
        let kind = kinds[(index + offset) % kinds.count]
        var eligible = layouts.indices.filter { isEligible(kind, layouts[$0]) }
        let partner = eligible.filter { layouts[$0].table.idSystem != nil }
        if preferPartnerTables, !partner.isEmpty { eligible = partner }
        if !eligible.isEmpty {
          wanted.append((kind, eligible))
          break
        }
      }
    }
    let order = wanted.indices.sorted {
      (wanted[$0].eligible.count, $0) < (wanted[$1].eligible.count, $1)
    }
    var plans: [BadRowPlan] = []
    var used = Set<Int>()
    for index in order {
      let (kind, eligible) = wanted[index]
      let unused = eligible.filter { !used.contains($0) }
      let choices = unused.isEmpty ? eligible : unused
      let table = choices[random.int(below: choices.count)]
      used.insert(table)
      plans.append(make(kind, table: table))
    }
    number(&plans)
    return plans
  }

  /// Whether a table can hold a bad row of a kind.
  func isEligible(_ kind: BadRowKind, _ layout: TableLayout) -> Bool {
    guard layout.rowCount > 0 else { return false }
    if layout.isPersonTable, !layout.isRegister, kind != .duplicatePersonID,
      kind != .unknownPerson, absentPerson(layout, start: 0) == nil
    {
      return false
    }
    switch kind {
    case .malformedDate: return layout.columns.contains { $0.type == .date }
    case .unknownEnumValue: return layout.columns.contains(where: Self.rejectsUnknownValues)
    case .wrongColumnCount: return true
    // A person table keyed by person ids adds whoever it names: an unknown id there is a new
    // person, not an error. Only tables that refer to persons can name an unknown one.
    case .unknownPerson: return !layout.isPersonTable || layout.table.idSystem != nil
    case .duplicatePersonID: return layout.isPersonTable && !layout.table.manyRows
    case .nonNumericNumber: return layout.columns.contains { $0.type == .int || $0.type == .double }
    }
  }

  static func isEnum(_ type: FieldType?) -> Bool {
    if case .enumeration(let values) = type { return !values.isEmpty }
    return false
  }

  /// An enum column where a value outside the list makes a bad row (not one kept with a
  /// warning, `unknown_codes: unknown`).
  static func rejectsUnknownValues(_ column: TableColumn) -> Bool {
    isEnum(column.type) && !column.keepsUnknownCodes
  }

  /// A person in the register without a row in this person table.
  func absentPerson(_ layout: TableLayout, start: Int) -> Int? {
    let count = population.personCount
    for step in 0..<count {
      let person = (start + step) % count
      if !layout.includes(person) { return person }
    }
    return nil
  }

  /// The cells of good row `row` as text.
  func texts(_ layout: TableLayout, row: Int) -> [String] {
    var cells: [Cell] = []
    layout.fill(row, &cells, values: values)
    return zip(cells, layout.columns).map { layout.formatter.text($0, codes: $1.codes) }
  }

  mutating func make(_ kind: BadRowKind, table: Int) -> BadRowPlan {
    let layout = layouts[table]
    let rows = layout.rowCount
    let insertAfter = random.int(in: 1...rows)
    var template = random.int(below: rows)
    var duplicateOf: Int?
    if kind == .duplicatePersonID {
      let original = random.int(below: insertAfter)
      duplicateOf = original
      template = rows > 1 ? (original + 1 + random.int(below: rows - 1)) % rows : original
    }
    var texts = texts(layout, row: template)
    var absent: Int?
    // In a person table, give the row an id with no other row there.
    if layout.isPersonTable, kind != .duplicatePersonID {
      if layout.isRegister || kind == .unknownPerson {
        texts[0] = layout.formatter.personID(spare)
        spare += 1
      } else if let person = absentPerson(layout, start: random.int(below: population.personCount))
      {
        texts[0] = layout.formatter.personID(person)
        absent = person
      }
    }
    var plan = BadRowPlan(
      table: table, insertAfter: insertAfter, kind: kind, texts: texts, problem: "",
      duplicateOf: duplicateOf, absentPerson: absent)
    let format = layout.sourceFormat

    func columnIndex(where matches: (TableColumn) -> Bool) -> Int {
      let candidates = layout.columns.indices.filter { matches(layout.columns[$0]) }
      return candidates[random.int(below: candidates.count)]
    }

    switch kind {
    case .malformedDate:
      let column = columnIndex { $0.type == .date }
      let (year, _, _) = population.configuration.asOf.components
      let candidates = [
        layout.formatter.dateText(year: year - 1, month: 2, day: 30),
        layout.formatter.dateText(year: year - 1, month: 13, day: 12),
        layout.formatter.dateText(year: year - 1, month: 4, day: 31), "32/13/\(year)",
      ]
      let bad =
        candidates.first { text in
          format.dateFormats.allSatisfy { DatePattern($0)?.parse(Array(text.utf8)) == nil }
            && !format.nullValues.contains(text)
        } ?? "not a date"
      plan.texts[column] = bad
      plan.column = layout.columns[column].name
      plan.value = bad
      plan.problem = "'\(bad)' in column '\(layout.columns[column].name)' is not a real date"
    case .unknownEnumValue:
      let column = columnIndex(where: Self.rejectsUnknownValues)
      guard case .enumeration(let declared) = layout.columns[column].type else { break }
      let codes = layout.columns[column].codes.map { Set($0.values) } ?? []
      let known = Set(
        (declared + Array(codes) + Array(format.codes.values.flatMap(\.keys)) + format.nullValues)
          .map { $0.lowercased() })
      // A typo of what the file writes: a code where the source has a code list.
      let written = codes.isEmpty ? declared : codes.sorted()
      let original = written[random.int(below: written.count)]
      var bad = original.count > 2 ? String(original.dropLast()) : original + "x"
      while known.contains(bad.lowercased()) { bad += "_x" }
      plan.texts[column] = bad
      plan.column = layout.columns[column].name
      plan.value = bad
      plan.problem =
        "'\(bad)' in column '\(layout.columns[column].name)' is not one of "
        + declared.joined(separator: ", ")
    case .wrongColumnCount:
      plan.texts.append(plan.texts.last ?? "")
      plan.problem =
        "the row has \(plan.texts.count) cells; the header has \(layout.columns.count)"
    case .unknownPerson:
      let id = layout.formatter.personID(spare)
      spare += 1
      plan.texts[0] = id
      plan.column = layout.columns[0].name
      plan.value = id
      plan.problem =
        layout.table.idSystem.map { "\($0) id \(id) is not in the linkage file" }
        ?? "person id \(id) is in no person table"
    case .duplicatePersonID:
      let id = layout.formatter.personID(Int(layout.person(ofRow: duplicateOf ?? 0)))
      plan.texts[0] = id
      plan.column = layout.columns[0].name
      plan.value = id
    case .nonNumericNumber:
      let column = columnIndex { $0.type == .int || $0.type == .double }
      let reserved = Set(format.nullValues + format.trueValues + format.falseValues)
      let words = ["ninety", "two", "ten", "seven"].filter { !reserved.contains($0) }
      let bad = words.isEmpty ? "twelve" : words[random.int(below: words.count)]
      plan.texts[column] = bad
      plan.column = layout.columns[column].name
      plan.value = bad
      plan.problem = "'\(bad)' in column '\(layout.columns[column].name)' is not a number"
    }
    return plan
  }

  /// Extra records for every table keyed by a partner's ids that the linkage leaves
  /// unmatched: about one in 150 rows with no linkage row (people from outside the borough),
  /// in tables of 40 rows or more one in 400 linked below the minimum score, and in tables of
  /// 100 or more one linked to two persons. Each is a copy of a good row under a new id, so
  /// its only fault is that it cannot be joined. `nextIndex` is the next unused id index.
  mutating func linkageFaults(nextIndex: inout Int) -> [BadRowPlan] {
    var random = SynthRandom(
      seed: population.configuration.seed, stream: ValueModel.hash("linkage.faults"), index: 0)
    var plans: [BadRowPlan] = []
    for (table, layout) in layouts.enumerated() {
      guard let system = layout.table.idSystem, layout.rowCount > 0 else { continue }
      let rows = layout.rowCount
      let kinds =
        Array(repeating: UnmatchedKind.noLink, count: 1 + rows / 150)
        + Array(repeating: .belowMinimum, count: rows >= 40 ? 1 + rows / 400 : 0)
        + Array(repeating: .ambiguous, count: rows >= 100 ? 1 : 0)
      for kind in kinds {
        let template = random.int(below: rows)
        var texts = texts(layout, row: template)
        let index = nextIndex
        nextIndex += 1
        let id = layout.formatter.personID(index)
        texts[0] = id
        let person = Int(layout.person(ofRow: template))
        var candidates: [Int] = []
        let plain = CellFormatter(format: .standard, idDigits: population.idDigits)
        let problem: String
        switch kind {
        case .noLink:
          problem = "\(system) id \(id) has no row in the linkage file"
        case .belowMinimum:
          candidates = [person]
          problem =
            "\(system) id \(id) is linked to \(plain.personID(person)) with a score below the minimum"
        case .ambiguous:
          var other = random.int(below: population.personCount)
          if other == person { other = (other + 1) % population.personCount }
          candidates = [person, other]
          problem =
            "\(system) id \(id) is linked to both \(plain.personID(person)) and \(plain.personID(other))"
        }
        plans.append(
          BadRowPlan(
            table: table, insertAfter: random.int(in: 1...rows), kind: .unknownPerson,
            texts: texts, column: layout.columns[0].name, value: id, problem: problem,
            linkageFault: LinkageFault(kind: kind, idIndex: index, candidates: candidates)))
      }
    }
    return plans
  }

  /// Gives every bad row its line, and duplicate rows the line of the row they repeat.
  func number(_ plans: inout [BadRowPlan]) {
    for table in Set(plans.map(\.table)) {
      let indices = plans.indices.filter { plans[$0].table == table }.sorted {
        (plans[$0].insertAfter, $0) < (plans[$1].insertAfter, $1)
      }
      for (before, index) in indices.enumerated() {
        plans[index].line = 2 + plans[index].insertAfter + before
      }
      for index in indices {
        guard let original = plans[index].duplicateOf else { continue }
        let badBefore = indices.filter { plans[$0].insertAfter <= original }.count
        let line = 2 + original + badBefore
        let system = layouts[plans[index].table].table.idSystem ?? "person"
        plans[index].problem =
          "\(system) id \(plans[index].value ?? "") already appears on line \(line)"
      }
    }
  }

  /// The bad rows of one table, in the order they are written.
  static func rows(of table: Int, in plans: [BadRowPlan]) -> [BadRowPlan] {
    plans.filter { $0.table == table }.sorted {
      ($0.insertAfter, $0.line) < ($1.insertAfter, $1.line)
    }
  }
}
