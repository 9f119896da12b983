import SignpostRules

/// What one output table holds: its columns, which rows, and how to fill each row.
///
/// Person tables hold one row per person in their scope: the register (the first person
/// table with the birth date) holds everyone; a table with school fields holds the pupils on a
/// roll; any other holds the young people. Event tables hold a list's events; the links table
/// holds the links between persons whose relations the schema declares.
struct TableLayout: Sendable {
  /// Who has a row in a person table.
  enum Scope: Sendable {
    case everyone
    case pupils
    case youngPeople

    func includes(_ person: SynthPerson) -> Bool {
      switch self {
      case .everyone: true
      case .pupils: person.onRoll
      case .youngPeople: person.isYoung
      }
    }
  }

  enum Rows: Sendable {
    case people(scope: Scope, persons: [Int32], attributes: [ValueModel.PersonAttribute])
    case events(events: [SynthEvent], attributes: [ValueModel.EventAttribute])
    case links([(from: Int32, to: Int32, relation: String)])
  }

  let table: SourceTable
  let sourceFormat: SourceFormat
  let formatter: CellFormatter
  let columns: [TableColumn]
  let rows: Rows
  /// The register: the person table every person has a row in.
  let isRegister: Bool

  var rowCount: Int {
    switch rows {
    case .people(_, let persons, _): persons.count
    case .events(let events, _): events.count
    case .links(let links): links.count
    }
  }

  /// Whether the table holds one row per person.
  var isPersonTable: Bool {
    if case .people = rows { return true }
    return false
  }

  /// Fills `cells` with row `index`.
  func fill(_ index: Int, _ cells: inout [Cell], values: ValueModel) {
    cells.removeAll(keepingCapacity: true)
    switch rows {
    case .people(_, let persons, let attributes):
      let person = persons[index]
      cells.append(.person(person))
      for attribute in attributes { cells.append(values.value(attribute, person: Int(person))) }
    case .events(let events, let attributes):
      let event = events[index]
      cells.append(.person(event.person))
      cells.append(.date(event.date))
      for attribute in attributes {
        cells.append(values.value(attribute, event: event, row: index))
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
    case .events(let events, _): events[index].person
    case .links(let links): links[index].from
    }
  }

  /// Whether a person has a row in this person table.
  func includes(_ person: Int) -> Bool {
    guard case .people(let scope, _, _) = rows else { return false }
    return scope.includes(population(person))
  }

  private let populationPeople: [SynthPerson]

  private func population(_ person: Int) -> SynthPerson { populationPeople[person] }

  /// Lays out one table of a source.
  init?(
    _ table: SourceTable, source: SourceDeclaration, schema: Schema,
    population: SyntheticPopulation,
    values: ValueModel, isRegister: Bool
  ) {
    guard table.format == .csv else { return nil }
    self.table = table
    sourceFormat = source.format
    formatter = CellFormatter(
      format: source.format, idDigits: population.idDigits, idSystem: table.idSystem)
    self.isRegister = isRegister
    populationPeople = population.people
    var columns = [TableColumn(name: table.keyColumn, role: .key)]

    func codes(_ key: String, _ type: FieldType) -> [String: String]? {
      guard case .enumeration = type, let mapping = source.format.codes[key] else { return nil }
      var reverse: [String: String] = [:]
      for code in mapping.keys.sorted() {
        if let value = mapping[code], reverse[value] == nil { reverse[value] = code }
      }
      return reverse
    }

    switch table.content {
    case .person:
      // The source's fields, except those derived from several rows; then the typed input
      // columns derived fields read (given generic values, one row per person).
      let derived = Set(table.derive.map(\.field))
      let fields = schema.personFields.filter {
        $0.sources.contains(source.id) && !derived.contains($0.name)
      }
      let names = Set(fields.map(\.name))
      var entries = fields.map { field in
        (
          column: table.column(for: field.name), field: field,
          attribute: values.personAttribute(field)
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
            codes: codes(entry.field.name, entry.field.type)))
      }
      let attributes = entries.map(\.attribute)
      let scope: Scope =
        isRegister
        ? .everyone
        : !names.isDisjoint(with: ["school", "year_group", "sen", "fsm", "attendance"])
          ? .pupils : .youngPeople
      let persons = population.people.indices.filter { scope.includes(population.people[$0]) }
      rows = .people(scope: scope, persons: persons.map { Int32($0) }, attributes: attributes)
    case .events(let listName):
      guard let list = schema.eventList(named: listName) else { return nil }
      columns.append(TableColumn(name: table.column(for: "date"), role: .date, type: .date))
      for (position, field) in list.fields.enumerated() {
        columns.append(
          TableColumn(
            name: table.column(for: field.name), role: .field(position), type: field.type,
            codes: codes("\(listName).\(field.name)", field.type)))
      }
      let kind = SynthEventKind(listName: listName)
      let events = kind.map { population.events($0) } ?? Self.genericEvents(listName, population)
      rows = .events(
        events: events, attributes: list.fields.map { values.eventAttribute($0, kind: kind) })
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
      return nil
    }
    self.columns = columns
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
