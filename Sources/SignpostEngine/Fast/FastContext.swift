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
  let ages: UnsafeMutableBufferPointer<Int32>
  /// The attribute that makes `age` unknown when the birth date's source was not supplied.
  let agesUnsupplied: Bool
  let hasBirthDate: Bool
  /// Each event list's per-person row offsets (the population's own array); `nil` when the
  /// list was not supplied.
  let eventOffsets: [UnsafePointer<Int>?]
  /// Linked persons by relation: those of person `p` in relation `r` are
  /// `linkTargets[r][linkOffsets[r][p]..<linkOffsets[r][p + 1]]`.
  let linkOffsets: [UnsafeMutableBufferPointer<Int>]
  let linkTargets: [UnsafeMutableBufferPointer<Int>]
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
    var ages = [Int32](repeating: Int32.min, count: population.count)
    var unsupplied = false
    if let birth {
      let column = population.fields[birth]
      unsupplied = column.unsupplied != nil
      if case .dates(let days) = column.storage, !unsupplied {
        let now = asOf.components
        for p in 0..<population.count where days[p] != Column.missingDate {
          ages[p] = Int32(clamping: DomainLibrary.wholeYears(fromDay: Int64(days[p]), to: now))
        }
      }
    }
    self.ages = Self.unmanaged(ages)
    agesUnsupplied = unsupplied
    // The population is held unchanged for the context's life, so its arrays stay put.
    eventOffsets = population.events.map { table in
      table.flatMap { $0.offsets.withUnsafeBufferPointer { $0.baseAddress } }
    }
    (linkOffsets, linkTargets) = Self.linksByRelation(
      population, relations: pack.schema.relations.count)
    records = RecordData(population: population, pack: pack)
    indicatorIDs = pack.indicators.map(\.indicator.id)
    relationNames = pack.schema.relations.map(\.name)
  }

  deinit {
    ages.deallocate()
    for buffer in linkOffsets + linkTargets { buffer.deallocate() }
  }

  /// Each relation's linked persons by person, in one pass over the links.
  private static func linksByRelation(_ population: Population, relations: Int) -> (
    offsets: [UnsafeMutableBufferPointer<Int>], targets: [UnsafeMutableBufferPointer<Int>]
  ) {
    var totals = [Int](repeating: 0, count: relations)
    for link in population.links { totals[link.relation] += 1 }
    let offsets = (0..<relations).map { _ in
      UnsafeMutableBufferPointer<Int>.allocate(capacity: population.count + 1)
    }
    let targets = totals.map { UnsafeMutableBufferPointer<Int>.allocate(capacity: max(1, $0)) }
    var filled = [Int](repeating: 0, count: relations)
    for p in 0..<population.count {
      for r in 0..<relations { offsets[r][p] = filled[r] }
      for link in population.links(of: p) {
        targets[link.relation][filled[link.relation]] = link.to
        filled[link.relation] += 1
      }
    }
    for r in 0..<relations { offsets[r][population.count] = filled[r] }
    return (offsets, targets)
  }

  /// A copy of an array in memory the context frees.
  private static func unmanaged<T>(_ array: [T]) -> UnsafeMutableBufferPointer<T> {
    let buffer = UnsafeMutableBufferPointer<T>.allocate(capacity: max(1, array.count))
    _ = buffer.initialize(from: array)
    return buffer
  }
}
