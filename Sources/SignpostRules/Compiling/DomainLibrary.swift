import SignpostCEL
import SignpostSource

/// The functions Signpost adds to CEL for rule authors: durations in days, look-back
/// windows relative to the as-of date, ages, and list aggregates.
public enum DomainLibrary {
  /// The name of the as-of date variable.
  public static let asOf = "as_of"

  private static let a = CELType.parameter("A")

  public static let functions: [CELFunction] = [
    CELFunction(
      "days", overloads: [.init("days_int", [.int], .duration)],
      implementation: .unary { days(of: $0, multiplier: 1) }),
    CELFunction(
      "weeks", overloads: [.init("weeks_int", [.int], .duration)],
      implementation: .unary { days(of: $0, multiplier: 7) }),
    CELFunction(
      "within", overloads: [.init("within_timestamp_duration", [.timestamp, .duration], .bool)],
      implicitArguments: [asOf],
      implementation: .ternary { date, window, asOf in
        guard case .timestamp(let t) = date, case .duration(let d) = window,
          case .timestamp(let now) = asOf
        else { return .error(CELError("within() needs a date and a duration")) }
        return .bool(isWithin(t.seconds, window: d.seconds, asOf: now.seconds))
      }),
    CELFunction(
      "years_between",
      overloads: [.init("years_between_timestamp_timestamp", [.timestamp, .timestamp], .int)],
      implementation: .binary { from, to in
        guard case .timestamp(let start) = from, case .timestamp(let end) = to else {
          return .error(CELError("years_between() needs two dates"))
        }
        return .int(wholeYears(from: start, to: end))
      }),
    CELFunction(
      "date", overloads: [.init("date_string", [.string], .timestamp)],
      implementation: .unary { value in
        guard case .string(let text) = value, let date = PackDate(iso: text) else {
          return .error(CELError("date() needs a date written YYYY-MM-DD"))
        }
        return .timestamp(
          CELTimestamp(seconds: CivilCalendar.seconds(fromDays: date.daysSinceEpoch)))
      }),
    aggregate("max") { $0 > 0 },
    aggregate("min") { $0 < 0 },
    CELFunction(
      "sum",
      overloads: [
        .init("sum_list_int", [.list(.int)], .int),
        .init("sum_list_double", [.list(.double)], .double),
      ],
      implementation: .unary { value in
        guard case .list(let items) = value else { return .error(CELError("sum() needs a list")) }
        var total = CELValue.int(0)
        if case .double = items.first { total = .double(0) }
        for item in items {
          switch (total, item) {
          case (.int(let t), .int(let i)):
            let (s, overflow) = t.addingReportingOverflow(i)
            if overflow { return .error(CELError("return error for overflow")) }
            total = .int(s)
          case (.double(let t), .double(let d)): total = .double(t + d)
          case (_, .error), (_, .unknown): return item
          default: return .error(CELError("sum() needs numbers of one kind"))
          }
        }
        return total
      }),
  ]

  private static func days(of value: CELValue, multiplier: Int64) -> CELValue {
    guard case .int(let n) = value else { return .error(CELError("expected a whole number")) }
    guard let seconds = durationSeconds(n, unit: CivilCalendar.secondsPerDay * multiplier) else {
      return .error(CELError("duration out of range"))
    }
    return .duration(CELDuration(seconds: seconds))
  }

  /// `count` units of `unit` seconds (`days`, `weeks`) in seconds; `nil` when that is out of
  /// a duration's range. The one meaning of `days()` and `weeks()`, which both engines call.
  @inlinable
  public static func durationSeconds(_ count: Int64, unit: Int64) -> Int64? {
    let (seconds, overflow) = count.multipliedReportingOverflow(by: unit)
    guard !overflow, abs(seconds) <= CELDuration.maxSeconds else { return nil }
    return seconds
  }

  /// Whether a date (in seconds) is in the look-back window `(asOf - window, asOf]`:
  /// `days(7)` is the as-of day and the six before it. The one meaning of `within()`.
  @inlinable
  public static func isWithin(_ date: Int64, window: Int64, asOf: Int64) -> Bool {
    date > asOf - window && date <= asOf
  }

  /// Whole years from one instant to another (an age on a date).
  public static func wholeYears(from start: CELTimestamp, to end: CELTimestamp) -> Int64 {
    wholeYears(
      fromDay: CivilCalendar.days(fromSeconds: start.seconds),
      to: PackDate(daysSinceEpoch: CivilCalendar.days(fromSeconds: end.seconds)).components)
  }

  /// Whole years from a day (days since the epoch) to a date: the one meaning of an age,
  /// which both engines call (the fast engine once per person, with the as-of date's
  /// components worked out once).
  public static func wholeYears(fromDay start: Int64, to b: (year: Int, month: Int, day: Int))
    -> Int64
  {
    let a = PackDate(daysSinceEpoch: start).components
    var years = Int64(b.year - a.year)
    if (b.month, b.day) < (a.month, a.day) { years -= 1 }
    return years
  }

  private static func aggregate(_ name: String, _ better: @escaping @Sendable (Int) -> Bool)
    -> CELFunction
  {
    CELFunction(
      name, overloads: [.init("\(name)_list", [.list(a)], a)],
      implementation: .unary { value in
        guard case .list(let items) = value, var best = items.first else {
          return .error(CELError("\(name)() of an empty list"))
        }
        for item in items.dropFirst() {
          if item.isAbsorbing { return item }
          switch CELValue.order(item, best) {
          case .some(let order): if better(order) { best = item }
          case .none: return .error(CELError("\(name)() needs values that can be ordered"))
          }
        }
        return best
      })
  }
}
