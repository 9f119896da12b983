import Dispatch
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
  /// Linked persons by relation: those of person `p` in relation `r` are
  /// `linkTargets[r][linkOffsets[r][p]..<linkOffsets[r][p + 1]]`.
  let linkOffsets: [SharedBuffer<Int>]
  let linkTargets: [SharedBuffer<Int>]
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
    (linkOffsets, linkTargets) = Self.linksByRelation(
      population, relations: pack.schema.relations.count)
    records = RecordData(population: population, pack: pack)
    indicatorIDs = pack.indicators.map(\.indicator.id)
    relationNames = pack.schema.relations.map(\.name)
  }

  /// Each relation's linked persons by person: the links of each chunk of persons counted by
  /// relation, then each chunk's written from where the chunks before it end, in parallel.
  private static func linksByRelation(_ population: Population, relations: Int) -> (
    offsets: [SharedBuffer<Int>], targets: [SharedBuffer<Int>]
  ) {
    let count = population.count
    let chunks = max(1, min(count, Parallel.workers * 8))
    let size = (count + chunks - 1) / chunks
    let counts = SharedBuffer<Int>(repeating: 0, count: chunks * relations)
    DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
      for p in chunk * size..<min(count, (chunk + 1) * size) {
        for link in population.links(of: p) { counts[chunk * relations + link.relation] += 1 }
      }
    }
    var totals = [Int](repeating: 0, count: relations)
    for chunk in 0..<chunks {
      for r in 0..<relations {
        let n = counts[chunk * relations + r]
        counts[chunk * relations + r] = totals[r]
        totals[r] += n
      }
    }
    // The fill below writes every offset but the last, and every target.
    let offsets = (0..<relations).map { _ in SharedBuffer<Int>(unwrittenCount: count + 1) }
    let targets = totals.map { SharedBuffer<Int>(unwrittenCount: max(1, $0)) }
    DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
      var filled = (0..<relations).map { counts[chunk * relations + $0] }
      for p in chunk * size..<min(count, (chunk + 1) * size) {
        for r in 0..<relations { offsets[r][p] = filled[r] }
        for link in population.links(of: p) {
          targets[link.relation][filled[link.relation]] = link.to
          filled[link.relation] += 1
        }
      }
    }
    for r in 0..<relations { offsets[r][count] = totals[r] }
    return (offsets, targets)
  }
}
