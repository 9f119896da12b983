import SignpostCEL
import SignpostRules
import SignpostSource

/// What compiled expressions read: the population's columns and the run's constants. The
/// offsets and targets of lists are unmanaged copies the context owns, read without
/// reference counting by every worker and freed with the context. A context may be pointed
/// at another population of the same shape (``repoint(to:asOf:)``), for a plan compiled once
/// and run for one person at a time (``OnePersonEvaluator``).
final class FastContext: @unchecked Sendable {
  private(set) var population: Population
  let pack: CompiledPack
  let asOfSeconds: Int64
  /// Whole years at the as-of date by person, `Int32.min` where the birth date is missing.
  private(set) var ages: SharedBuffer<Int32>
  /// The attribute that makes `age` unknown when the birth date's source was not supplied.
  let agesUnsupplied: Bool
  let hasBirthDate: Bool
  /// Each event list's per-person row offsets (the population's own array); `nil` when the
  /// list was not supplied.
  private(set) var eventOffsets: [UnsafePointer<Int32>?]
  /// The population's links and where each person's start (its own arrays): those of
  /// person `p` are `links[linkOffsets[p]..<linkOffsets[p + 1]]`, ordered by relation, then
  /// linked person, so a relation's are a run of them (``FastListRef/positions(of:)``).
  private(set) var linkOffsets: UnsafePointer<Int32>
  private(set) var links: UnsafePointer<PersonLink>?
  /// The population as the reference evaluator's record objects, for generic nodes.
  private(set) var records: RecordData
  let indicatorIDs: [String]
  let relationNames: [String]

  init(population: Population, pack: CompiledPack, asOf: PackDate) {
    self.population = population
    self.pack = pack
    asOfSeconds = CivilCalendar.seconds(fromDays: asOf.daysSinceEpoch)
    hasBirthDate =
      pack.schema.birthDateField.flatMap { name in
        pack.schema.personFields.firstIndex { $0.name == name }
      } != nil
    (ages, agesUnsupplied) = Self.ages(of: population, pack: pack, asOf: asOf)
    // The population is held unchanged for the context's life, so its arrays stay put.
    (eventOffsets, linkOffsets, links) = Self.lists(of: population)
    records = RecordData(population: population, pack: pack)
    indicatorIDs = pack.indicators.map(\.indicator.id)
    relationNames = pack.schema.relations.map(\.name)
  }

  /// Each person's whole years at `asOf`, and whether the birth date's source was unsupplied.
  private static func ages(of population: Population, pack: CompiledPack, asOf: PackDate)
    -> (SharedBuffer<Int32>, unsupplied: Bool)
  {
    let birth = pack.schema.birthDateField.flatMap { name in
      pack.schema.personFields.firstIndex { $0.name == name }
    }
    let ages = SharedBuffer<Int32>(unwrittenCount: population.count)
    let column = birth.map { population.fields[$0] }
    let unsupplied = column?.unsupplied != nil
    let days: [Int32]
    if case .dates(let values) = column?.storage, !unsupplied { days = values } else { days = [] }
    let now = asOf.components
    let byDay = days.count < agesTabulatedFrom ? nil : Self.agesByDay(days, now)
    Parallel.forEachChunk(count: population.count) { range in
      for p in range {
        let day = days.isEmpty ? Column.missingDate : days[p]
        if day == Column.missingDate {
          ages[p] = Int32.min
        } else if let (first, table) = byDay {
          ages[p] = table[Int(day) - Int(first)]
        } else {
          ages[p] = Int32(clamping: DomainLibrary.wholeYears(fromDay: Int64(day), to: now))
        }
      }
    }
    return (ages, unsupplied)
  }

  /// The addresses of the population's event offsets and links, which the population keeps
  /// while it is held.
  private static func lists(of population: Population)
    -> ([UnsafePointer<Int32>?], UnsafePointer<Int32>, UnsafePointer<PersonLink>?)
  {
    (
      population.events.map { table in
        table.flatMap { $0.offsets.withUnsafeBufferPointer { $0.baseAddress } }
      },
      population.linkOffsets.withUnsafeBufferPointer { $0.baseAddress.unsafelyUnwrapped },
      population.links.withUnsafeBufferPointer { $0.baseAddress }
    )
  }

  /// Whole years at `now` for every day from the earliest birth day in `days` to the latest,
  /// so that each is worked out once per day rather than once per person; `nil` when there
  /// is none, or the days span more than ``agesByDayLimit``.
  static func agesByDay(_ days: [Int32], _ now: (year: Int, month: Int, day: Int))
    -> (first: Int32, ages: [Int32])?
  {
    var first = Int32.max
    var last = Int32.min
    for day in days where day != Column.missingDate {
      first = min(first, day)
      last = max(last, day)
    }
    guard first <= last, Int(last) - Int(first) < agesByDayLimit else { return nil }
    let ages = (Int64(first)...Int64(last)).map { day in
      Int32(clamping: DomainLibrary.wholeYears(fromDay: day, to: now))
    }
    return (first, ages)
  }

  /// The fewest people whose ages are tabulated by day (``agesByDay(_:_:)``): for fewer (one
  /// referral's), each one's is worked out, cheaper than a table of every day between births.
  static let agesTabulatedFrom = 4_096

  /// The most days ``agesByDay(_:_:)`` tabulates (about 270 years).
  static let agesByDayLimit = 100_000

  /// Points the context at another population of the same shape (the same columns and event
  /// lists unsupplied) as of the same date; plans compiled over it are then re-pointed with
  /// ``FastPlan/repoint(to:)``.
  func repoint(to population: Population, asOf: PackDate) {
    let (ages, unsupplied) = Self.ages(of: population, pack: pack, asOf: asOf)
    precondition(
      CivilCalendar.seconds(fromDays: asOf.daysSinceEpoch) == asOfSeconds
        && unsupplied == agesUnsupplied,
      "a context is re-pointed only as of its own date, at a population of its shape")
    self.population = population
    self.ages = ages
    (eventOffsets, linkOffsets, links) = Self.lists(of: population)
    records = RecordData(population: population, like: records)
  }
}
