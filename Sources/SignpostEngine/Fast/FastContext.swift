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
  /// Whole years at the as-of date, `Int32.min` where the birth date is missing.
  let ages: [Int32]
  /// The attribute that makes `age` unknown when the birth date's source was not supplied.
  let agesUnsupplied: Bool
  let hasBirthDate: Bool
  /// Each event list's per-person row offsets; `nil` when the list was not supplied.
  let eventOffsets: [UnsafeMutableBufferPointer<Int>?]
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
    asOfSeconds = asOf.daysSinceEpoch * 86_400
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
          let (y, m, d) = CivilCalendar.date(days: Int64(days[p]))
          var years = Int64(now.year) - y
          if (Int64(now.month), Int64(now.day)) < (m, d) { years -= 1 }
          ages[p] = Int32(clamping: years)
        }
      }
    }
    self.ages = ages
    agesUnsupplied = unsupplied
    eventOffsets = population.events.map { $0.map { Self.unmanaged($0.offsets) } }
    var offsets: [[Int]] = []
    var targets: [[Int]] = []
    for relation in pack.schema.relations.indices {
      var relationOffsets = [Int](repeating: 0, count: population.count + 1)
      var relationTargets: [Int] = []
      for p in 0..<population.count {
        for link in population.links(of: p) where link.relation == relation {
          relationTargets.append(link.to)
        }
        relationOffsets[p + 1] = relationTargets.count
      }
      offsets.append(relationOffsets)
      targets.append(relationTargets)
    }
    linkOffsets = offsets.map(Self.unmanaged)
    linkTargets = targets.map(Self.unmanaged)
    records = RecordData(population: population, pack: pack)
    indicatorIDs = pack.indicators.map(\.indicator.id)
    relationNames = pack.schema.relations.map(\.name)
  }

  deinit {
    for buffer in eventOffsets { buffer?.deallocate() }
    for buffer in linkOffsets + linkTargets { buffer.deallocate() }
  }

  /// A copy of an array in memory the context frees.
  private static func unmanaged(_ array: [Int]) -> UnsafeMutableBufferPointer<Int> {
    let buffer = UnsafeMutableBufferPointer<Int>.allocate(capacity: max(1, array.count))
    _ = buffer.initialize(from: array)
    return buffer
  }
}
