import SignpostCEL
import SignpostRules
import SignpostSource

/// What compiled expressions read: the population's columns and the run's constants. The
/// offsets and targets of lists are unmanaged copies the context owns, read without
/// reference counting by every worker and freed with the context.
final class FastContext: @unchecked Sendable {
  let population: Population
  let pack: CompiledPack
  let asOfSeconds: Int64
  /// Whole years at the as-of date by person, `Int32.min` where the birth date is missing.
  let ages: SharedBuffer<Int32>
  /// The attribute that makes `age` unknown when the birth date's source was not supplied.
  let agesUnsupplied: Bool
  let hasBirthDate: Bool
  /// Each event list's per-person row offsets (the population's own array); `nil` when the
  /// list was not supplied.
  let eventOffsets: [UnsafePointer<Int>?]
  /// The population's links and where each person's start (its own arrays): those of
  /// person `p` are `links[linkOffsets[p]..<linkOffsets[p + 1]]`, ordered by relation, then
  /// linked person, so a relation's are a run of them (``FastListRef/positions(of:)``).
  let linkOffsets: UnsafePointer<Int>
  let links: UnsafePointer<PersonLink>?
  /// The population as the reference evaluator's record objects, for generic nodes.
  let records: RecordData
  let indicatorIDs: [String]
  let relationNames: [String]

  init(population: Population, pack: CompiledPack, asOf: PackDate) {
    self.population = population
    self.pack = pack
    asOfSeconds = CivilCalendar.seconds(fromDays: asOf.daysSinceEpoch)
    let birth = pack.schema.birthDateField.flatMap { name in
      pack.schema.personFields.firstIndex { $0.name == name }
    }
    hasBirthDate = birth != nil
    let ages = SharedBuffer<Int32>(unwrittenCount: population.count)
    let column = birth.map { population.fields[$0] }
    let unsupplied = column?.unsupplied != nil
    let days: [Int32]
    if case .dates(let values) = column?.storage, !unsupplied { days = values } else { days = [] }
    let now = asOf.components
    Parallel.forEachChunk(count: population.count) { range in
      for p in range {
        ages[p] =
          days.isEmpty || days[p] == Column.missingDate
          ? Int32.min : Int32(clamping: DomainLibrary.wholeYears(fromDay: Int64(days[p]), to: now))
      }
    }
    self.ages = ages
    agesUnsupplied = unsupplied
    // The population is held unchanged for the context's life, so its arrays stay put.
    eventOffsets = population.events.map { table in
      table.flatMap { $0.offsets.withUnsafeBufferPointer { $0.baseAddress } }
    }
    linkOffsets = population.linkOffsets.withUnsafeBufferPointer {
      $0.baseAddress.unsafelyUnwrapped
    }
    links = population.links.withUnsafeBufferPointer { $0.baseAddress }
    records = RecordData(population: population, pack: pack)
    indicatorIDs = pack.indicators.map(\.indicator.id)
    relationNames = pack.schema.relations.map(\.name)
  }
}
