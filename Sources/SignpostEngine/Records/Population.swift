import Dispatch
import SignpostCEL
import SignpostRules

/// A directed link from one person to another, by index into the population. Stored in 32
/// bits a part (12 bytes, not 24: a million people have about six million links).
public struct PersonLink: Sendable, Hashable {
  private var storedFrom: Int32
  private var storedTo: Int32
  private var storedRelation: Int32

  public var from: Int {
    get { Int(storedFrom) }
    set { storedFrom = Int32(newValue) }
  }
  public var to: Int {
    get { Int(storedTo) }
    set { storedTo = Int32(newValue) }
  }
  /// The index of the relation in the schema.
  public var relation: Int {
    get { Int(storedRelation) }
    set { storedRelation = Int32(newValue) }
  }

  public init(from: Int, to: Int, relation: Int) {
    storedFrom = Int32(from)
    storedTo = Int32(to)
    storedRelation = Int32(relation)
  }
}

/// One event list for everyone: the events of person `p` are rows
/// `offsets[p]..<offsets[p + 1]` of the columns (`date` first, then the list's fields).
public struct EventTable: Sendable {
  /// Where each person's rows start, and the number of rows at the end.
  public let offsets: [Int32]
  public let columns: [Column]

  /// The rows of one person's events.
  public func rows(of person: Int) -> Range<Int> {
    Int(offsets[person])..<Int(offsets[person + 1])
  }

  public var count: Int { Int(offsets.last ?? 0) }
}

/// Everyone to be scored, stored by column: the person fields, each event list, and the
/// links between persons.
public struct Population: Sendable {
  public let ids: [String]
  private let index: PersonIndex
  /// One column per schema person field.
  public let fields: [Column]
  /// One table per schema event list; `nil` when its source was not supplied.
  public let events: [EventTable?]
  /// Links by person: those starting at `p` are `links[linkOffsets[p]..<linkOffsets[p + 1]]`,
  /// ordered by relation, then the linked person's id.
  public let links: [PersonLink]
  let linkOffsets: [Int32]
  /// The sources whose data was supplied.
  public let suppliedSources: Set<String>

  init(
    ids: [String], index: PersonIndex, fields: [Column], events: [EventTable?],
    links: [PersonLink], linkOffsets: [Int32], suppliedSources: Set<String>
  ) {
    self.ids = ids
    self.index = index
    self.fields = fields
    self.events = events
    self.links = links
    self.linkOffsets = linkOffsets
    self.suppliedSources = suppliedSources
  }

  public var count: Int { ids.count }

  /// The index of the person with this id.
  public func index(of id: String) -> Int? { index.index(of: id) }

  /// The links that start at a person.
  public func links(of person: Int) -> ArraySlice<PersonLink> {
    links[Int(linkOffsets[person])..<Int(linkOffsets[person + 1])]
  }
}

/// Builds a ``Population`` row by row, as readers and pack tests find the data.
public struct PopulationBuilder: Sendable {
  let schema: Schema
  private(set) var ids: [String] = []
  private(set) var index = PersonIndex()
  private var fields: [Column]
  private var eventPersons: [[Int]?]
  private var eventColumns: [[Column]?]
  /// Links added one at a time (``link(_:symmetric:)``).
  private var links: [PersonLink] = []
  /// Links appended in bulk (``appendLinks(_:from:)``), each array kept as it came: grouping
  /// reads them where they are, so they are neither copied into one array nor faulted in
  /// twice, and each core only the parts with links from its persons.
  private var linkParts: [LinkGrouping.Part] = []
  public var suppliedSources: Set<String> = []

  public init(schema: Schema) {
    self.schema = schema
    fields = schema.personFields.map {
      Column(type: $0.type, missingAttribute: "person.\($0.name)")
    }
    eventPersons = schema.eventLists.map { _ in nil }
    eventColumns = schema.eventLists.map { _ in nil }
  }

  public var count: Int { ids.count }

  public func index(of id: String) -> Int? { index.index(of: id) }

  /// The person with this id, added (with every field missing) if new.
  public mutating func person(_ id: String) -> Int {
    let (p, inserted) = index.insert(id)
    if inserted { ids.append(id) }
    return p
  }

  /// The person with the id in these bytes (whose ``PersonIndex/hash(_:)`` is `hash`, when
  /// known), added if new; `inserted` says which.
  mutating func person(bytes: UnsafeBufferPointer<UInt8>, hash: UInt64? = nil) -> (
    index: Int, inserted: Bool
  ) {
    let found = index.insert(bytes, hash: hash ?? PersonIndex.hash(bytes))
    if found.inserted { ids.append(String(decoding: bytes, as: UTF8.self)) }
    return found
  }

  /// ``person(bytes:hash:)`` for a table's merge, whose ids often come sorted: an id after
  /// every id so far is added without a probe (``PersonIndex/insertInOrder(_:hash:)``). Until
  /// ``placeIDs()``, ids are looked up through ``find(bytes:hash:)`` only.
  mutating func personInOrder(bytes: UnsafeBufferPointer<UInt8>, hash: UInt64) -> (
    index: Int, inserted: Bool
  ) {
    let found = index.insertInOrder(bytes, hash: hash)
    if found.inserted { ids.append(String(decoding: bytes, as: UTF8.self)) }
    return found
  }

  /// Adds a run of ids, each greater than the one before, as new persons when the first is
  /// greater than every id so far (``PersonIndex/appendInOrder(_:ends:hashes:)``); the
  /// first's index, or `nil` when nothing was added.
  mutating func appendInOrder(
    _ run: UnsafeBufferPointer<UInt8>, ends: UnsafeBufferPointer<Int32>,
    hashes: UnsafeBufferPointer<UInt64>
  ) -> Int? {
    guard let first = index.appendInOrder(run, ends: ends, hashes: hashes) else { return nil }
    var start = 0
    for end in ends {
      ids.append(
        String(decoding: UnsafeBufferPointer(rebasing: run[start..<Int(end)]), as: UTF8.self))
      start = Int(end)
    }
    return first
  }

  /// The person with the id in these bytes, if any, while ids added in order may wait to be
  /// placed (``PersonIndex/find(_:hash:)``).
  mutating func find(bytes: UnsafeBufferPointer<UInt8>, hash: UInt64) -> Int? {
    index.find(bytes, hash: hash)
  }

  /// Whether ids added in order wait to be placed in the index.
  var placesIDsLater: Bool { index.placesLater }

  /// Places the ids added in order in the index's slots (``PersonIndex/place()``), so that
  /// it can be looked up and shared.
  mutating func placeIDs() { index.place() }

  /// Prefetches the index's slot for a lookup of an id with this hash
  /// (``PersonIndex/prefetch(hash:)``). Mutating so that a caller holding the builder in a
  /// variable calls it in place: a non-mutating call copied the builder each time.
  mutating func prefetch(hash: UInt64) { index.prefetch(hash: hash) }

  /// Makes room for about `count` persons.
  public mutating func reserveCapacity(_ count: Int) {
    index.reserveCapacity(count)
    ids.reserveCapacity(count)
    for f in fields.indices { fields[f].reserveCapacity(count) }
  }

  /// The room reserved past the persons so far (``reserveCapacity(_:)``).
  var spareRoom: [UnsafeRawBufferPointer] {
    [ids.spareRoom] + index.spareRoom + fields.flatMap(\.spareRoom)
  }

  public mutating func setField(_ field: Int, of person: Int, to value: FieldValue) {
    fields[field].set(person, value)
  }

  /// Takes a chunk's column of a person field into the field (``Column/merge(_:rows:into:rank:ranks:stride:)``).
  mutating func mergeField(
    _ field: Int, from source: ColumnBuilder, rows: [Int32], into persons: [Int32], rank: UInt8,
    ranks: UnsafeMutablePointer<UInt8>, stride: Int
  ) {
    fields[field].merge(source, rows: rows, into: persons, rank: rank, ranks: ranks, stride: stride)
  }

  /// Takes every row of a chunk's column of a person field into new persons from `first` on
  /// (``Column/mergeRun(_:first:rank:ranks:stride:)``).
  mutating func mergeRun(
    _ field: Int, from source: ColumnBuilder, first: Int, rank: UInt8,
    ranks: UnsafeMutablePointer<UInt8>, stride: Int
  ) {
    fields[field].mergeRun(source, first: first, rank: rank, ranks: ranks, stride: stride)
  }

  /// Marks a person field as coming from a source that was not supplied.
  public mutating func markUnsupplied(_ field: Int, source: String) {
    fields[field].unsupplied = .source(source)
  }

  /// Marks an event list as supplied (possibly with no events).
  public mutating func supplyList(_ list: Int) {
    guard eventPersons[list] == nil else { return }
    eventPersons[list] = []
    let declaration = schema.eventLists[list]
    eventColumns[list] = declaration.recordFields.map {
      Column(type: $0.type, missingAttribute: "\(declaration.name).\($0.name)")
    }
  }

  /// Marks an event list as not supplied after all, dropping any events it holds.
  mutating func withdrawList(_ list: Int) {
    eventPersons[list] = nil
    eventColumns[list] = nil
  }

  public func isSupplied(list: Int) -> Bool { eventPersons[list] != nil }

  /// Appends an event (date first, then the list's fields) to a supplied list.
  public mutating func appendEvent(_ values: [FieldValue], person: Int, list: Int) {
    guard var persons = eventPersons[list], var columns = eventColumns[list] else { return }
    eventPersons[list] = nil
    eventColumns[list] = nil
    persons.append(person)
    for (c, value) in values.enumerated() { columns[c].append(value) }
    eventPersons[list] = persons
    eventColumns[list] = columns
  }

  /// Appends events read in bulk: `persons[i]` owns row `i` of `columns` (date first).
  mutating func appendEvents(persons: [Int32], columns: [Column], list: Int) {
    guard var existing = eventPersons[list], var existingColumns = eventColumns[list] else {
      return
    }
    eventPersons[list] = nil
    eventColumns[list] = nil
    existing.append(contentsOf: persons.lazy.map(Int.init))
    for c in existingColumns.indices { existingColumns[c].append(contentsOf: columns[c]) }
    eventPersons[list] = existing
    eventColumns[list] = existingColumns
  }

  /// Appends links as they are (a reader adds each reverse itself), keeping the array; each
  /// link starts at a person in `from`.
  mutating func appendLinks(_ more: [PersonLink], from: ClosedRange<Int>) {
    if !more.isEmpty { linkParts.append(LinkGrouping.Part(links: more, from: from)) }
  }

  /// Adds a link, and its reverse when the relation is symmetric.
  public mutating func link(_ link: PersonLink, symmetric: Bool) {
    links.append(link)
    if symmetric, link.from != link.to {
      links.append(PersonLink(from: link.to, to: link.from, relation: link.relation))
    }
  }

  /// The finished population: events grouped by person (keeping input order within a
  /// person), links deduplicated and ordered by relation and linked id. Consuming, so that
  /// the links are grouped in the builder's own storage rather than in copies of it.
  public consuming func build() -> Population {
    let count = ids.count
    let ids = ids
    let lists = schema.eventLists.indices.map { list in
      eventPersons[list].flatMap { persons in eventColumns[list].map { (persons, $0) } }
    }
    eventPersons = []
    eventColumns = []
    let links =
      linkParts + (links.isEmpty ? [] : [LinkGrouping.Part(links: links, from: 0...count - 1)])
    linkParts = []
    self.links = []
    let index = index
    // Each event list grouped by person, and each person field padded to everyone, as tasks
    // of the links' grouping, after its ranges: task `t` is list `t`, then field
    // `t - lists.count`. The columns are moved into the buffer so that padding one changes
    // it in place.
    let events = SharedBuffer<EventTable?>(repeating: nil, count: lists.count)
    let columns = SharedBuffer<Column?>(repeating: nil, count: fields.count)
    for f in fields.indices { columns[f] = fields[f] }
    fields = []
    let task: @Sendable (Int) -> Void = { task in
      guard task < lists.count else {
        columns.pointer[task - lists.count]?.pad(to: count)
        return
      }
      guard let (persons, listColumns) = lists[task] else { return }
      events[task] = Self.eventTable(persons: persons, columns: listColumns, count: count)
    }
    let (groupedLinks, linkOffsets) = LinkGrouping.group(
      links, persons: count, index: index, ids: ids,
      alongside: lists.count + columns.pointer.count, task)
    return Population(
      ids: ids, index: index, fields: columns.array.compactMap { $0 }, events: events.array,
      links: groupedLinks, linkOffsets: linkOffsets, suppliedSources: suppliedSources)
  }

  /// One event list grouped by person: `persons[i]` owns row `i` of `columns`; rows keep
  /// their input order within a person.
  static func eventTable(persons: [Int], columns: [Column], count: Int) -> EventTable {
    precondition(
      persons.count <= Int(Int32.max), "more events than an event list's offsets can count")
    if let offsets = orderedStarts(of: persons, count: count) {
      return EventTable(offsets: offsets, columns: columns)
    }
    var offsets = ends(of: persons, count: count)
    var order = [Int](repeating: 0, count: persons.count)
    // Backwards, each row placed just before the rows after it: offsets[p] ends as the
    // start of p's rows.
    for row in persons.indices.reversed() {
      let p = persons[row]
      offsets[p] -= 1
      order[Int(offsets[p])] = row
    }
    return EventTable(offsets: offsets, columns: columns.map { $0.permuted(order) })
  }

  /// Where each person's rows start, and the total at `count`, when the rows are already
  /// grouped by person in person order (a file sorted by person id, its persons first met in
  /// that order): one pass that writes each entry once, and no rows moved. `nil` when a row's
  /// person comes before the row before's.
  private static func orderedStarts(of persons: [Int], count: Int) -> [Int32]? {
    var previous = 0
    for p in persons {
      guard p >= previous else { return nil }
      previous = p
    }
    return [Int32](unsafeUninitializedCapacity: count + 1) { starts, written in
      guard let base = starts.baseAddress else { return }
      // Each person's first row starts the persons from the last one filled up to it (those
      // between have no rows): one run of equal entries filled at a time.
      var next = 0
      for (row, p) in persons.enumerated() where p >= next {
        (base + next).initialize(repeating: Int32(row), count: p - next + 1)
        next = p + 1
      }
      (base + next).initialize(repeating: Int32(persons.count), count: count + 1 - next)
      written = count + 1
    }
  }

  /// Where each person's rows end when `persons` (the person of each row) are grouped by
  /// person in person order, and the total at `count`: the start of a counting sort whose
  /// backward pass then lowers each entry to the start of its person's rows.
  private static func ends<Persons: Sequence<Int>>(of persons: Persons, count: Int) -> [Int32] {
    var ends = [Int32](repeating: 0, count: count + 1)
    for p in persons { ends[p] += 1 }
    var running: Int32 = 0
    for p in 0..<count {
      running += ends[p]
      ends[p] = running
    }
    ends[count] = running
    return ends
  }
}
