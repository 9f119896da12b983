import SignpostRules

/// Dates relative to the as-of date: ages, school years, and when events happen.
///
/// Events fall in the ``SynthRates/windowDays`` before the as-of date (never on it), a share
/// ``SynthRates/recentShare`` of them in the last seven days. School events (suspensions,
/// exclusions) fall on school days: weekdays outside August and the Christmas fortnight.
struct SynthTimeline: Sendable {
  let asOf: Int32
  /// The first day events can fall on.
  let windowStart: Int32
  /// The school days in the window, oldest first.
  let schoolDays: [Int32]
  /// How many of ``schoolDays`` fall in the year before the as-of date.
  let schoolDaysLastYear: Int
  /// How many of ``schoolDays`` fall in the week before the as-of date.
  let schoolDaysLastWeek: Int
  /// The year in which the current academic year began (September).
  let academicYear: Int
  /// The terms of the academic year to the day before the as-of date that had school days,
  /// with the sessions (half days) possible in each: what attendance is measured over.
  let attendanceTerms: [AttendanceTerm]

  /// One school term and the sessions possible in it.
  struct AttendanceTerm: Sendable {
    /// `2024-autumn`: the year the term falls in and its name, for file names.
    var label: String
    /// `Autumn 2024`, as a return writes it.
    var name: String
    var sessionsPossible: Int
  }

  /// All the sessions possible over ``attendanceTerms``.
  var sessionsPossible: Int { attendanceTerms.reduce(0) { $0 + $1.sessionsPossible } }

  init(asOf date: PackDate) {
    asOf = Int32(date.daysSinceEpoch)
    windowStart = asOf - Int32(SynthRates.windowDays)
    var days: [Int32] = []
    var lastYear = 0
    var lastWeek = 0
    for day in windowStart..<asOf where Self.isSchoolDay(day) {
      days.append(day)
      if day >= asOf - 365 { lastYear += 1 }
      if day >= asOf - 7 { lastWeek += 1 }
    }
    schoolDays = days
    schoolDaysLastYear = lastYear
    schoolDaysLastWeek = lastWeek
    let (year, month, _) = date.components
    academicYear = month >= 9 ? year : year - 1
    var terms = Self.terms(academicYear: academicYear, before: asOf)
    // Before the first school day of the year, attendance is last year's.
    if terms.isEmpty { terms = Self.terms(academicYear: academicYear - 1, before: asOf) }
    attendanceTerms = terms
  }

  /// The autumn (September to December), spring (January to March) and summer (April to
  /// July) terms of an academic year up to the day before `end`, each with its sessions
  /// possible (two a school day); terms with none are left out.
  static func terms(academicYear year: Int, before end: Int32) -> [AttendanceTerm] {
    let spans = [
      ("autumn", "Autumn", year, 9, year, 12, 31),
      ("spring", "Spring", year + 1, 1, year + 1, 3, 31),
      ("summer", "Summer", year + 1, 4, year + 1, 7, 31),
    ]
    var terms: [AttendanceTerm] = []
    for (label, name, startYear, startMonth, endYear, endMonth, endDay) in spans {
      let first = date(year: startYear, month: startMonth, day: 1)
      let last = min(date(year: endYear, month: endMonth, day: endDay), end - 1)
      guard first <= last else { continue }
      let days = (first...last).filter(isSchoolDay).count
      guard days > 0 else { continue }
      terms.append(
        AttendanceTerm(
          label: "\(startYear)-\(label)", name: "\(name) \(startYear)", sessionsPossible: 2 * days))
    }
    return terms
  }

  /// Weekdays outside August and 22 December – 3 January.
  static func isSchoolDay(_ day: Int32) -> Bool {
    // 1970-01-01 was a Thursday; weekday 0 is Monday.
    let weekday = (Int(day) + 3) % 7
    guard weekday < 5 else { return false }
    let (_, month, dayOfMonth) = PackDate(daysSinceEpoch: Int64(day)).components
    if month == 8 { return false }
    if month == 12 && dayOfMonth >= 22 { return false }
    if month == 1 && dayOfMonth <= 3 { return false }
    return true
  }

  /// The expected number of events in the window for an annual rate, such that the year
  /// before the as-of date holds `annualRate` on average despite the recent share.
  func windowMean(annualRate: Double) -> Double {
    let years = Double(SynthRates.windowDays) / 365
    let b = SynthRates.recentShare
    return annualRate * years / (1 + b * (years - 1))
  }

  /// The same for school events, which fall only on school days.
  func schoolWindowMean(annualRate: Double) -> Double {
    guard schoolDaysLastYear > 0 else { return 0 }
    let ratio = Double(schoolDays.count) / Double(schoolDaysLastYear)
    let b = schoolDaysLastWeek > 0 ? SynthRates.recentShare : 0
    return annualRate * ratio / (1 + b * (ratio - 1))
  }

  /// A day in the window; a share in the last seven days.
  func eventDay(_ random: inout SynthRandom) -> Int32 {
    if random.chance(SynthRates.recentShare) {
      return asOf - 1 - Int32(random.int(below: 7))
    }
    return windowStart + Int32(random.int(below: SynthRates.windowDays))
  }

  /// A school day in the window; a share in the last seven days.
  func schoolDay(_ random: inout SynthRandom) -> Int32 {
    guard !schoolDays.isEmpty else { return eventDay(&random) }
    if schoolDaysLastWeek > 0, random.chance(SynthRates.recentShare) {
      return schoolDays[schoolDays.count - 1 - random.int(below: schoolDaysLastWeek)]
    }
    return schoolDays[random.int(below: schoolDays.count)]
  }

  /// A birth date for someone who is `age` whole years old at the as-of date.
  func birthDate(age: Int, _ random: inout SynthRandom) -> Int32 {
    let (year, month, day) = PackDate(daysSinceEpoch: Int64(asOf)).components
    let latest = Self.date(year: year - age, month: month, day: day)
    let earliest = Self.date(year: year - age - 1, month: month, day: day) + 1
    return earliest + Int32(random.int(below: Int(latest - earliest + 1)))
  }

  /// Whole years of age at the as-of date.
  func age(birth: Int32) -> Int {
    let (y, m, d) = PackDate(daysSinceEpoch: Int64(asOf)).components
    let (by, bm, bd) = PackDate(daysSinceEpoch: Int64(birth)).components
    return y - by - ((m, d) < (bm, bd) ? 1 : 0)
  }

  /// The national curriculum year group (reception is 0) in the current academic year.
  func yearGroup(birth: Int32) -> Int {
    let (by, bm, _) = PackDate(daysSinceEpoch: Int64(birth)).components
    let ageOn31August = academicYear - by - (bm >= 9 ? 1 : 0)
    return ageOn31August - 4
  }

  /// A date from its parts, moving 29 February to the 28th in other years.
  static func date(year: Int, month: Int, day: Int) -> Int32 {
    if let date = PackDate(year: year, month: month, day: day) {
      return Int32(date.daysSinceEpoch)
    }
    return Int32(PackDate(year: year, month: month, day: 28).map(\.daysSinceEpoch) ?? 0)
  }
}
