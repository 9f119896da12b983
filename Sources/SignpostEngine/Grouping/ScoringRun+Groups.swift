import SignpostFairness
import SignpostRules
import SignpostSource

extension ScoringRun {
  /// The name of the group of people with no value for a field.
  public static let notRecorded = "not recorded"

  /// The scored population divided by a person field, or by `age_group` (age on the as-of
  /// date, in the pack's age groups); everyone out of scope is left out.
  public func grouping(_ field: String, role: String) -> Grouping? {
    let schema = pack.schema
    let settings = pack.pack.fairness
    let scope = table.inScope
    if field == FairnessSettings.ageGroup {
      guard let birth = schema.birthDateField,
        let column = schema.personFields.firstIndex(where: { $0.name == birth })
      else { return nil }
      return ageGrouping(read.population.fields[column], bounds: settings.ageGroups, role: role)
    }
    guard let index = schema.personFields.firstIndex(where: { $0.name == field }) else {
      return nil
    }
    let column = read.population.fields[index]
    var labels: [String]
    var keys: [FieldValue: Int] = [:]
    switch schema.personFields[index].type {
    case .enumeration(let values):
      labels = values
      for v in values.indices { keys[.code(UInt16(v))] = v }
    case .bool:
      labels = ["yes", "no"]
      keys = [.bool(true): 0, .bool(false): 1]
    default:
      // Ints in numeric order, strings in text order, as the data holds them.
      let present = Set((0..<column.count).filter { scope[$0] }.map(column.fieldValue))
        .subtracting([.missing])
      let ordered = present.sorted { a, b in
        switch (a, b) {
        case (.int(let x), .int(let y)): x < y
        case (.string(let x), .string(let y)): x < y
        default: false
        }
      }
      labels = ordered.map { value in
        switch value {
        case .int(let i): String(i)
        case .string(let s): s
        default: ""
        }
      }
      for (n, value) in ordered.enumerated() { keys[value] = n }
    }
    let missing = labels.count
    labels.append(Self.notRecorded)
    let membership = (0..<table.count).map { p in
      scope[p] ? keys[column.fieldValue(p)] ?? missing : -1
    }
    return Grouping(field: field, role: role, groups: labels, membership: membership)
  }

  /// Ages on the as-of date in groups from each bound to the next; the last is open-ended.
  private func ageGrouping(_ births: Column, bounds: [Int], role: String) -> Grouping {
    var labels = bounds.indices.map { i in
      i + 1 < bounds.count ? "\(bounds[i])-\(bounds[i + 1] - 1)" : "\(bounds[i])+"
    }
    let missing = labels.count
    labels.append(Self.notRecorded)
    let today = CivilCalendar.date(days: asOf.daysSinceEpoch)
    let membership = (0..<table.count).map { p -> Int in
      guard table.inScope[p] else { return -1 }
      guard case .date(let days) = births.fieldValue(p) else { return missing }
      let born = CivilCalendar.date(days: Int64(days))
      let birthdayPassed = (today.month, today.day) >= (born.month, born.day)
      let age = Int(today.year - born.year) - (birthdayPassed ? 0 : 1)
      return bounds.lastIndex { $0 <= age } ?? missing
    }
    return Grouping(
      field: FairnessSettings.ageGroup, role: role, groups: labels, membership: membership)
  }

  /// Everyone scored by band (every band reported).
  public var bandDivision: OutcomeDivision {
    OutcomeDivision(
      kind: "band", id: "", categories: pack.scoring.bands.map(\.id),
      reported: Array(pack.scoring.bands.indices), membership: table.bands.map(Int.init))
  }

  /// Everyone scored by whether a programme referred them (recommended or waitlisted).
  public var programmeDivisions: [OutcomeDivision] {
    pack.programmes.map { compiled in
      let id = compiled.programme.id
      var membership = [Int](repeating: 1, count: table.count)
      for referral in referrals where referral.programme == id {
        membership[referral.personIndex] = 0
      }
      return OutcomeDivision(
        kind: "programme", id: id, categories: ["referred", "not referred"], reported: [0],
        membership: membership)
    }
  }

  /// Everyone scored by whether an indicator fired for them.
  public var indicatorDivisions: [OutcomeDivision] {
    pack.indicators.indices.map { i in
      OutcomeDivision(
        kind: "indicator", id: pack.indicators[i].indicator.id, categories: ["fired", "not fired"],
        reported: [0],
        membership: (0..<table.count).map { table.outcome($0, i) == .fired ? 0 : 1 })
    }
  }

  /// Disproportionality by the pack's protected and context fields (`fairness.yaml`).
  public var fairnessReport: FairnessReport {
    let settings = pack.pack.fairness
    return Disproportionality.measure(
      groupings: settings.dimensions.compactMap { grouping($0.field, role: $0.role.rawValue) },
      outcomes: [bandDivision] + programmeDivisions, range: settings.rateRatioRange)
  }

  /// The problem profile by the pack's profile fields: each band and indicator by group.
  public var problemProfile: ProblemProfile {
    ProblemProfile(
      groupings: pack.pack.fairness.profile.compactMap { grouping($0, role: "profile") },
      outcomes: [bandDivision] + indicatorDivisions)
  }
}
