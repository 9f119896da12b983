import Foundation
import SignpostRules

/// What one output file holds: its columns, which rows, and how to fill each row.
///
/// Person tables hold one row per person in their scope: the register (the first person
/// table with the birth date) holds everyone; a table with school fields holds the pupils on a
/// roll; any other holds the young people. A table of termly attendance returns (`rows: many`
/// deriving `attendance`) holds one row per pupil per term, one file per term when its path is
/// a glob. Event tables hold a list's events; the links table holds the links between persons
/// whose relations the schema declares.
struct TableLayout: Sendable {
  /// Who has a row in a person table.
  enum Scope: Sendable {
    case everyone
    case pupils
    case youngPeople
    /// Pupils whose attendance is recorded (termly returns).
    case attendance

    func includes(_ person: SynthPerson) -> Bool {
      switch self {
      case .everyone: true
      case .pupils: person.onRoll
      case .youngPeople: person.isYoung
      case .attendance: person.onRoll && !person.blanks.contains(.attendance)
      }
    }
  }

  /// What fills a column of a termly attendance return.
  enum TermInput: Sendable {
    case term
    case possible
    case authorised
    case unauthorised
    case missed
    case generic(FieldDeclaration, UInt64)
  }

  enum Rows: Sendable {
    case people(scope: Scope, persons: [Int32], attributes: [ValueModel.PersonAttribute])
    case events(events: [SynthEvent], attributes: [ValueModel.EventAttribute], list: String)
    /// Row `i` is `persons[i]` in term `terms[i]` (an index into the timeline's terms).
    case terms(persons: [Int32], terms: [UInt8], inputs: [TermInput])
    case links([(from: Int32, to: Int32, relation: String)])
  }

  let table: SourceTable
  /// The file's path under the output folder: the table's, with a glob's `*` filled in.
  let path: String
  let sourceFormat: SourceFormat
  let formatter: CellFormatter
  let columns: [TableColumn]
  let rows: Rows
  /// The register: the person table every person has a row in.
  let isRegister: Bool
  /// For tables keyed by a partner's ids: the id index each row is written under, where it
  /// is not the person's own (a second id for the same person); set by the writer.
  var keys: [Int32]?

  var rowCount: Int {
    switch rows {
    case .people(_, let persons, _): persons.count
    case .events(let events, _, _): events.count
    case .terms(let persons, _, _): persons.count
    case .links(let links): links.count
    }
  }

  /// Whether the table holds rows of person fields (one per person, or one per term).
  var isPersonTable: Bool {
    switch rows {
    case .people, .terms: true
    case .events, .links: false
    }
  }

  /// Fills `cells` with row `index`.
  func fill(_ index: Int, _ cells: inout [Cell], values: ValueModel) {
    cells.removeAll(keepingCapacity: true)
    let key = keys.map { $0[index] }
    switch rows {
    case .people(_, let persons, let attributes):
      let person = persons[index]
      cells.append(.person(key ?? person))
      for attribute in attributes { cells.append(values.value(attribute, person: Int(person))) }
    case .events(let events, let attributes, let list):
      let event = events[index]
      cells.append(.person(key ?? event.person))
      if formatter.hasTime {
        cells.append(.dateTime(event.date, minute: values.minuteOfDay(event, list: list)))
      } else {
        cells.append(.date(event.date))
      }
      for attribute in attributes {
        cells.append(values.value(attribute, event: event, row: index))
      }
    case .terms(let persons, let terms, let inputs):
      let person = persons[index]
      cells.append(.person(key ?? person))
      for input in inputs {
        cells.append(values.value(input, person: Int(person), term: Int(terms[index]), row: index))
      }
    case .links(let links):
      let link = links[index]
      cells.append(.person(link.from))
      cells.append(.person(link.to))
      cells.append(.text(link.relation))
    }
  }

  /// The person a row is about.
  func person(ofRow index: Int) -> Int32 {
    switch rows {
    case .people(_, let persons, _): persons[index]
    case .events(let events, _, _): events[index].person
    case .terms(let persons, _, _): persons[index]
    case .links(let links): links[index].from
    }
  }

  /// The id index row `index` is written under.
  func key(ofRow index: Int) -> Int32 { keys?[index] ?? person(ofRow: index) }

  /// Whether a person has a row in this person table.
  func includes(_ person: Int) -> Bool {
    switch rows {
    case .people(let scope, _, _): scope.includes(populationPeople[person])
    case .terms: Scope.attendance.includes(populationPeople[person])
    case .events, .links: false
    }
  }

  private let populationPeople: [SynthPerson]

  /// Lays out one table of a source; a table of termly returns whose path is a glob gives one
  /// layout per term.
  ///
  /// - Parameters:
  ///   - table: The table.
  ///   - source: Its source.
  ///   - schema: The schema.
  ///   - population: The population to write.
  ///   - values: The values of its fields.
  ///   - isRegister: Whether the table is the register, which holds everyone.
  ///   - fields: The person fields this table writes (the writer gives each field of a source
  ///     to one of its tables).
  ///   - canonical: Write the record model's own values rather than the source's spellings
  ///     and codes.
  /// - Returns: The table's layouts, one per file; none for a table that is not CSV.
  static func layouts(
    _ table: SourceTable, source: SourceDeclaration, schema: Schema,
    population: SyntheticPopulation, values: ValueModel, isRegister: Bool,
    fields: [FieldDeclaration], canonical: Bool
  ) -> [TableLayout] {
    guard table.format == .csv else { return [] }
    let label = population.configuration.asOf.description
    let terms = population.timeline.attendanceTerms
    if table.content == .person, table.manyRows,
      table.derive.contains(where: { derived in
        schema.personFields.contains { $0.name == derived.field && $0.meaning == "attendance" }
      }),
      !terms.isEmpty
    {
      let groups: [(path: String, terms: [Int])] =
        table.isGlob
        ? terms.indices.map { (fill(table.path, with: terms[$0].label), [$0]) }
        : [(table.path, Array(terms.indices))]
      return groups.map { group in
        TableLayout(
          table, path: group.path, source: source, schema: schema, population: population,
          values: values, isRegister: false, fields: [], canonical: canonical,
          terms: group.terms)
      }
    }
    return [
      TableLayout(
        table, path: fill(table.path, with: label), source: source, schema: schema,
        population: population, values: values, isRegister: isRegister, fields: fields,
        canonical: canonical, terms: nil)
    ]
  }

  /// A glob path with its wildcards filled in.
  static func fill(_ path: String, with text: String) -> String {
    path.replacingOccurrences(of: "*", with: text).replacingOccurrences(of: "?", with: "x")
  }

  private init(
    _ table: SourceTable, path: String, source: SourceDeclaration, schema: Schema,
    population: SyntheticPopulation, values: ValueModel, isRegister: Bool,
    fields: [FieldDeclaration], canonical: Bool, terms termIndices: [Int]?
  ) {
    self.table = table
    self.path = path
    sourceFormat = source.format
    formatter = CellFormatter(
      format: source.format, idDigits: population.idDigits, idSystem: table.idSystem,
      canonical: canonical)
    self.isRegister = isRegister
    populationPeople = population.people
    var columns = [TableColumn(name: table.keyColumn, role: .key)]

    // Value → the source's code for it, the first code listed for each value.
    func codes(_ key: String, _ type: FieldType) -> [String: String]? {
      guard !canonical, let mapping = source.format.codes[key] else { return nil }
      let order = source.format.codeOrder[key] ?? mapping.keys.sorted()
      var reverse: [String: String] = [:]
      for code in order {
        guard var value = mapping[code] else { continue }
        if type == .bool {
          value = source.format.trueValues.contains(value) ? "true" : "false"
        }
        if reverse[value] == nil { reverse[value] = code }
      }
      return reverse
    }

    switch table.content {
    case .person:
      if let termIndices {
        // Termly returns: one row per pupil with recorded attendance, per term.
        var inputs: [TermInput] = []
        for (position, input) in table.inputs.enumerated() {
          let field = FieldDeclaration(
            name: input.column, type: input.type, description: "", sources: [],
            location: table.location)
          inputs.append(Self.termInput(field))
          columns.append(
            TableColumn(
              name: input.column, role: .field(position), type: input.type,
              codes: codes(input.column, input.type)))
        }
        let pupils = population.people.indices.filter {
          Scope.attendance.includes(population.people[$0])
        }
        var persons: [Int32] = []
        var terms: [UInt8] = []
        // Person by person, each person's terms in order.
        for person in pupils {
          for term in termIndices {
            persons.append(Int32(person))
            terms.append(UInt8(term))
          }
        }
        rows = .terms(persons: persons, terms: terms, inputs: inputs)
        self.columns = columns
        return
      }
      // The fields given to this table, then the typed input columns derived fields read
      // (given generic values, one row per person).
      let names = Set(fields.map(\.name))
      var entries = fields.map { field in
        (
          column: table.column(for: field.name), field: field,
          attribute: values.personAttribute(field, register: isRegister)
        )
      }
      for (column, type) in table.inputs where !names.contains(column) {
        let input = FieldDeclaration(
          name: column, type: type, description: "", sources: [], location: table.location)
        entries.append((column, input, .generic(input, ValueModel.hash("input." + column))))
      }
      for (position, entry) in entries.enumerated() {
        columns.append(
          TableColumn(
            name: entry.column, role: .field(position), type: entry.field.type,
            codes: codes(entry.field.name, entry.field.type),
            keepsUnknownCodes: entry.field.checks.keepUnknownCodes))
      }
      let attributes = entries.map(\.attribute)
      // A source that supplies any of these meanings holds pupils only.
      let schoolFields: Set<String> = ["school", "year_group", "sen", "fsm", "attendance"]
      let sourceFields = Set(
        schema.personFields.filter { $0.sources.contains(source.id) }.compactMap(\.meaning))
      let scope: Scope =
        isRegister
        ? .everyone
        : !sourceFields.isDisjoint(with: schoolFields) ? .pupils : .youngPeople
      let persons = population.people.indices.filter { scope.includes(population.people[$0]) }
      rows = .people(scope: scope, persons: persons.map { Int32($0) }, attributes: attributes)
    case .events(let listName):
      guard let list = schema.eventList(named: listName) else {
        rows = .events(events: [], attributes: [], list: listName)
        self.columns = columns
        return
      }
      columns.append(TableColumn(name: table.column(for: "date"), role: .date, type: .date))
      for (position, field) in list.fields.enumerated() {
        columns.append(
          TableColumn(
            name: table.column(for: field.name), role: .field(position), type: field.type,
            codes: codes("\(listName).\(field.name)", field.type),
            keepsUnknownCodes: field.checks.keepUnknownCodes))
      }
      let kind = SynthEventKind(meaning: list.meaning)
      let events = kind.map { population.events($0) } ?? Self.genericEvents(listName, population)
      rows = .events(
        events: events, attributes: list.fields.map { values.eventAttribute($0, kind: kind) },
        list: listName)
    case .links:
      let declared = schema.relations.map(\.name)
      columns.append(TableColumn(name: table.column(for: "linked_person_id"), role: .linkedPerson))
      let relationType = FieldType.enumeration(declared)
      columns.append(
        TableColumn(
          name: table.column(for: "relation"), role: .relation, type: relationType,
          codes: codes("relation", relationType)))
      rows = .links(Self.links(population, schema: schema))
    case .nested:
      rows = .links([])
    }
    self.columns = columns
  }

  /// What an input column of termly returns holds, by its name (CBDS: `SessionsPossible`,
  /// `SessionsAuthorised`, `SessionsUnauthorised`; or a total `SessionsMissed`; `Term`).
  static func termInput(_ field: FieldDeclaration) -> TermInput {
    let name = field.name.lowercased()
    let numeric = field.type == .int || field.type == .double
    if numeric, name.contains("possible") { return .possible }
    if numeric, name.contains("unauth") { return .unauthorised }
    if numeric, name.contains("auth") { return .authorised }
    if numeric, name.contains("missed") || name.contains("absen") { return .missed }
    if field.type == .string, name.contains("term") { return .term }
    return .generic(field, ValueModel.hash("input." + field.name))
  }

  /// The population's links in the schema's relations: a relation the schema does not
  /// declare is dropped, except that siblings and parents fall back to `household`; a
  /// relation the schema declares one-way but the model makes symmetric is written both ways.
  static func links(_ population: SyntheticPopulation, schema: Schema)
    -> [(from: Int32, to: Int32, relation: String)]
  {
    let declared = schema.relations
    func declaration(_ name: String) -> (Int, RelationDeclaration)? {
      declared.firstIndex { $0.name == name }.map { ($0, declared[$0]) }
    }
    var result: [(from: Int32, to: Int32, order: Int)] = []
    for link in population.links {
      var found = declaration(link.relation.name)
      if found == nil, link.relation == .sibling || link.relation == .parentCarer {
        found = declaration(SynthRelation.household.name)
      }
      guard let (order, relation) = found else { continue }
      result.append((link.from, link.to, order))
      if !relation.symmetric, link.relation.symmetric {
        result.append((link.to, link.from, order))
      }
    }
    result.sort { ($0.from, $0.order, $0.to) < ($1.from, $1.order, $1.to) }
    var unique: [(from: Int32, to: Int32, relation: String)] = []
    var previous: (Int32, Int32, Int)?
    for item in result {
      if let previous, previous == (item.from, item.to, item.order) { continue }
      previous = (item.from, item.to, item.order)
      unique.append((item.from, item.to, declared[item.order].name))
    }
    return unique
  }

  /// Events of a list the model does not know: about 4% of young people have one or two.
  static func genericEvents(_ listName: String, _ population: SyntheticPopulation) -> [SynthEvent] {
    let stream = ValueModel.hash("events." + listName)
    var events: [SynthEvent] = []
    for person in population.people.indices where population.people[person].isYoung {
      var random = SynthRandom(
        seed: population.configuration.seed, stream: stream, index: UInt64(person))
      guard random.chance(0.04) else { continue }
      let dates = (0..<random.int(in: 1...2)).map { _ in population.timeline.eventDay(&random) }
      for date in dates.sorted() { events.append(SynthEvent(person: Int32(person), date: date)) }
    }
    return events
  }
}
