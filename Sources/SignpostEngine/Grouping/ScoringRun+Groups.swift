import SignpostFairness
import SignpostRules
import SignpostSource

extension ScoringRun {
  /// The name of the group of people with no value for a field.
  public static let notRecorded = "not recorded"

  /// The scored population divided by a person field, or by `age_group` (age on the as-of
  /// date, in the pack's age groups); everyone out of scope is left out.
  public func grouping(_ field: String, role: String) -> Grouping? {
    guard let codes = groupCodes(field) else { return nil }
    return Grouping(
      field: field, role: role, groups: codes.labels, membership: codes.codes.map(Int.init))
  }

  /// Each person's group by `field`, by index into `labels` (the last is ``notRecorded``);
  /// -1 for someone out of scope. Enums, booleans, dates and strings are read as their codes and
  /// places: nothing per person but the code.
  func groupCodes(_ field: String) -> (labels: [String], codes: [Int32])? {
    let schema = pack.schema
    if field == FairnessSettings.ageGroup {
      guard let birth = schema.birthDateField,
        let column = schema.personFields.firstIndex(where: { $0.name == birth })
      else { return nil }
      return ageGroupCodes(read.population.fields[column])
    }
    guard let index = schema.personFields.firstIndex(where: { $0.name == field }) else {
      return nil
    }
    let column = read.population.fields[index]
    // A source that was not supplied leaves every value missing.
    let storage = column.unsupplied == nil ? column.storage : nil
    switch (schema.personFields[index].type, storage) {
    case (.enumeration(let values), let storage):
      let missing = Int32(values.count)
      guard case .codes(let v, _)? = storage else {
        return (values + [Self.notRecorded], scopedCodes { _ in missing })
      }
      return (
        values + [Self.notRecorded],
        scopedCodes { p in Int(v[p]) < values.count ? Int32(v[p]) : missing }
      )
    case (.bool, let storage):
      guard case .bools(let v)? = storage else {
        return (["yes", "no", Self.notRecorded], scopedCodes { _ in 2 })
      }
      // 1 true → yes, 0 false → no, 2 missing.
      return (
        ["yes", "no", Self.notRecorded], scopedCodes { p in v[p] == 1 ? 0 : v[p] == 0 ? 1 : 2 }
      )
    case (_, .strings(let places, let values)?):
      return stringCodes(places, values)
    default:
      return valueCodes(column)
    }
  }

  /// `code(p)` for everyone in scope, -1 for the others, in parallel (each worker the first
  /// to touch its part of the codes).
  private func scopedCodes(_ code: @Sendable (Int) -> Int32) -> [Int32] {
    let scope = table.inScope
    let codes = SharedBuffer<Int32>(unwrittenCount: table.count)
    Parallel.forEachChunk(count: table.count) { range in
      for p in range { codes[p] = scope[p] ? code(p) : -1 }
    }
    return codes.array
  }

  /// Strings in text order: the column's distinct values that someone in scope holds,
  /// sorted once (values Swift finds equal are one group), then each person's place
  /// renumbered.
  private func stringCodes(_ places: [UInt32], _ values: DistinctStrings) -> (
    labels: [String], codes: [Int32]
  ) {
    let scope = table.inScope
    var held = [Bool](repeating: false, count: values.strings.count)
    for p in 0..<table.count where scope[p] && places[p] != Column.missingPlace {
      held[Int(places[p])] = true
    }
    let labels = Set(values.strings.indices.lazy.filter { held[$0] }.map { values.strings[$0] })
      .sorted()
    var position: [String: Int32] = [:]
    for (n, label) in labels.enumerated() { position[label] = Int32(n) }
    let notRecorded = Int32(labels.count)
    let renumbered = values.strings.indices.map {
      held[$0] ? position[values.strings[$0]] ?? notRecorded : notRecorded
    }
    return (
      labels + [Self.notRecorded],
      scopedCodes { p in
        places[p] == Column.missingPlace ? notRecorded : renumbered[Int(places[p])]
      }
    )
  }

  /// Any other field by value: ints in numeric order, the others as the data holds them.
  private func valueCodes(_ column: Column) -> (labels: [String], codes: [Int32]) {
    let scope = table.inScope
    let present = Set((0..<column.count).filter { scope[$0] }.map(column.fieldValue))
      .subtracting([.missing])
    let ordered = present.sorted { a, b in
      switch (a, b) {
      case (.int(let x), .int(let y)): x < y
      case (.string(let x), .string(let y)): x < y
      default: false
      }
    }
    let labels = ordered.map { value in
      switch value {
      case .int(let i): String(i)
      case .string(let s): s
      default: ""
      }
    }
    var keys: [FieldValue: Int32] = [:]
    for (n, value) in ordered.enumerated() { keys[value] = Int32(n) }
    let missing = Int32(labels.count)
    let codes = (0..<table.count).map { p in
      scope[p] ? keys[column.fieldValue(p)] ?? missing : -1
    }
    return (labels + [Self.notRecorded], codes)
  }

  /// Ages on the as-of date in groups from each bound to the next; the last is open-ended.
  /// Someone is at least `b` years old when born on or before the as-of date `b` years back
  /// (the 28th for a 29 February that year lacks), so each bound is one date to compare with.
  private func ageGroupCodes(_ births: Column) -> (labels: [String], codes: [Int32]) {
    let bounds = pack.pack.fairness.ageGroups
    let labels = bounds.indices.map { i in
      i + 1 < bounds.count ? "\(bounds[i])-\(bounds[i + 1] - 1)" : "\(bounds[i])+"
    }
    let missing = Int32(labels.count)
    guard births.unsupplied == nil, case .dates(let days) = births.storage else {
      return (labels + [Self.notRecorded], scopedCodes { _ in missing })
    }
    let today = CivilCalendar.date(days: asOf.daysSinceEpoch)
    let latestBirth = bounds.map { bound in
      let year = today.year - Int64(bound)
      let day = min(today.day, CivilCalendar.daysInMonth(year: year, month: today.month))
      return CivilCalendar.days(year: year, month: today.month, day: day)
    }
    let codes = scopedCodes { p in
      let born = days[p]
      guard born != Column.missingDate else { return missing }
      return (latestBirth.lastIndex { Int64(born) <= $0 }).map(Int32.init) ?? missing
    }
    return (labels + [Self.notRecorded], codes)
  }

  /// Disproportionality by the pack's protected and context fields (`fairness.yaml`), for each
  /// band and each programme's referrals.
  public var fairnessReport: FairnessReport {
    fairnessReport(CountedGroupings(self, fields: pack.pack.fairness.dimensions.map(\.field)))
  }

  /// The problem profile by the pack's profile fields: each band and indicator by group.
  public var problemProfile: ProblemProfile {
    problemProfile(CountedGroupings(self, fields: pack.pack.fairness.profile))
  }

  /// The fairness report and the problem profile together: a field both group by (ward, sex,
  /// age group) is grouped once, and every grouping is counted in the same pass.
  public var measures: (fairness: FairnessReport, profile: ProblemProfile) {
    let settings = pack.pack.fairness
    let counted = CountedGroupings(
      self, fields: settings.dimensions.map(\.field) + settings.profile)
    return (fairnessReport(counted), problemProfile(counted))
  }

  private func fairnessReport(_ counted: CountedGroupings) -> FairnessReport {
    let settings = pack.pack.fairness
    let outcomes = [MeasuredOutcome.band] + pack.programmes.indices.map(MeasuredOutcome.programme)
    let referred = referredPeople
    return Disproportionality.measure(
      counts: settings.dimensions.compactMap {
        dimensionCounts(
          $0.field, role: $0.role.rawValue, outcomes: outcomes, referred: referred, in: counted)
      },
      outcomes: outcomes.map(categories), range: settings.rateRatioRange)
  }

  private func problemProfile(_ counted: CountedGroupings) -> ProblemProfile {
    let outcomes =
      [MeasuredOutcome.band] + (0..<table.indicatorCount).map(MeasuredOutcome.indicator)
    return ProblemProfile(
      counts: pack.pack.fairness.profile.compactMap {
        dimensionCounts($0, role: "profile", outcomes: outcomes, referred: [], in: counted)
      },
      outcomes: outcomes.map(categories))
  }

  /// The people each programme referred (recommended, waitlisted, tied or listed), by
  /// programme, once each.
  var referredPeople: [[Int]] {
    pack.programmes.map { compiled in
      let id = compiled.programme.id
      return Set(referrals.lazy.filter { $0.programme == id }.map(\.personIndex)).sorted()
    }
  }

  /// An outcome the measures divide everyone by.
  enum MeasuredOutcome {
    /// Everyone scored by band (every band reported).
    case band
    /// Whether a programme referred them.
    case programme(Int)
    /// Whether an indicator fired for them.
    case indicator(Int)
  }

  /// What an outcome is called and its categories.
  func categories(_ outcome: MeasuredOutcome) -> OutcomeCategories {
    switch outcome {
    case .band:
      OutcomeCategories(
        kind: "band", id: "", categories: pack.scoring.bands.map(\.id),
        reported: Array(pack.scoring.bands.indices))
    case .programme(let g):
      OutcomeCategories(
        kind: "programme", id: pack.programmes[g].programme.id,
        categories: ["referred", "not referred"], reported: [0])
    case .indicator(let i):
      OutcomeCategories(
        kind: "indicator", id: pack.indicators[i].indicator.id, categories: ["fired", "not fired"],
        reported: [0])
    }
  }

  /// The grouping by `field`, counted in `counted`, by each of `outcomes`.
  func dimensionCounts(
    _ field: String, role: String, outcomes: [MeasuredOutcome], referred: [[Int]],
    in counted: CountedGroupings
  ) -> DimensionCounts? {
    guard let (d, labels, codes) = counted.grouping(field) else { return nil }
    let tally = counted.tally
    let populations = labels.indices.map { tally.population(d, $0) }
    let tables = outcomes.map { outcome -> CountTable in
      let columns = categories(outcome).categories
      switch outcome {
      case .band:
        return CountTable(
          rows: labels, columns: columns,
          cells: labels.indices.map { g in (0..<tally.bands).map { tally.band(d, g, $0) } })
      case .indicator(let i):
        return CountTable(
          rows: labels, columns: columns,
          cells: labels.indices.map { g in
            [tally.fired(d, g, i), populations[g] - tally.fired(d, g, i)]
          })
      case .programme(let n):
        var selected = [Int](repeating: 0, count: labels.count)
        for p in referred[n] where codes[p] >= 0 { selected[Int(codes[p])] += 1 }
        return CountTable(
          rows: labels, columns: columns,
          cells: labels.indices.map { g in [selected[g], populations[g] - selected[g]] })
      }
    }
    return DimensionCounts(
      field: field, role: role, groups: labels, populations: populations, tables: tables)
  }
}
