import Foundation
import SignpostSource

/// Timestamps and durations: parsing, formatting, arithmetic and the calendar accessors.
enum TimeFunctions {
  static let overflow = CELValue.error(CELError("timestamp or duration out of range"))

  static func add(_ t: CELTimestamp, _ d: CELDuration) -> CELValue {
    let (s, o) = t.seconds.addingReportingOverflow(d.seconds)
    guard !o, let r = CELTimestamp.normalised(seconds: s, nanos: Int64(t.nanos) + Int64(d.nanos))
    else { return overflow }
    return .timestamp(r)
  }

  // MARK: Formatting

  static func format(_ t: CELTimestamp) -> String {
    let days = CivilCalendar.days(fromSeconds: t.seconds)
    let secondOfDay = t.seconds - CivilCalendar.seconds(fromDays: days)
    let (y, m, d) = CivilCalendar.date(days: days)
    var text =
      "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))T\(pad(secondOfDay / 3600, 2)):"
      + "\(pad(secondOfDay / 60 % 60, 2)):\(pad(secondOfDay % 60, 2))"
    if t.nanos != 0 { text += "." + fraction(t.nanos) }
    return text + "Z"
  }

  static func format(_ d: CELDuration) -> String {
    var text = d.seconds < 0 || d.nanos < 0 ? "-" : ""
    text += String(abs(d.seconds))
    if d.nanos != 0 { text += "." + fraction(abs(d.nanos)) }
    return text + "s"
  }

  private static func fraction(_ nanos: Int32) -> String {
    var digits = pad(Int64(nanos), 9)
    while digits.hasSuffix("0") { digits.removeLast() }
    return digits
  }

  private static func pad(_ value: Int64, _ width: Int) -> String {
    let text = String(value)
    return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
  }

  // MARK: Parsing

  /// Parses an RFC 3339 timestamp such as `2009-02-13T23:31:30.123Z` or `...+01:00`.
  static func parseTimestamp(_ text: String) -> CELTimestamp? {
    let s = Array(text.utf8)
    var i = 0
    func number(_ count: Int) -> Int64? {
      guard i + count <= s.count else { return nil }
      var value: Int64 = 0
      for _ in 0..<count {
        guard s[i] >= 48, s[i] <= 57 else { return nil }
        value = value * 10 + Int64(s[i] - 48)
        i += 1
      }
      return value
    }
    func expect(_ c: UInt8) -> Bool {
      guard i < s.count, s[i] == c else { return false }
      i += 1
      return true
    }
    guard let year = number(4), expect(45), let month = number(2), expect(45), let day = number(2),
      i < s.count, s[i] == 84 || s[i] == 116
    else { return nil }
    i += 1
    guard let hour = number(2), expect(58), let minute = number(2), expect(58),
      let second = number(2)
    else { return nil }
    var nanos: Int64 = 0
    if i < s.count, s[i] == 46 {
      i += 1
      var digits = 0
      while i < s.count, s[i] >= 48, s[i] <= 57 {
        if digits < 9 { nanos = nanos * 10 + Int64(s[i] - 48) }
        digits += 1
        i += 1
      }
      guard digits > 0 else { return nil }
      for _ in digits..<max(digits, 9) { nanos *= 10 }
    }
    var offset: Int64 = 0
    guard i < s.count else { return nil }
    if s[i] == 90 || s[i] == 122 {
      i += 1
    } else if s[i] == 43 || s[i] == 45 {
      let sign: Int64 = s[i] == 45 ? -1 : 1
      i += 1
      guard let oh = number(2), expect(58), let om = number(2) else { return nil }
      offset = sign * (oh * 3600 + om * 60)
    } else {
      return nil
    }
    guard i == s.count, (1...12).contains(month), day >= 1,
      day <= CivilCalendar.daysInMonth(year: year, month: month),
      hour < 24, minute < 60, second < 61
    else { return nil }
    let seconds =
      CivilCalendar.seconds(fromDays: CivilCalendar.days(year: year, month: month, day: day)) + hour
      * 3600 + minute * 60
      + second - offset
    return CELTimestamp.normalised(seconds: seconds, nanos: nanos)
  }

  /// Parses a duration such as `1h30m`, `-1.5s` or `100ms`.
  static func parseDuration(_ text: String) -> CELDuration? {
    var s = Substring(text)
    var negative = false
    if s.hasPrefix("-") {
      negative = true
      s = s.dropFirst()
    } else if s.hasPrefix("+") {
      s = s.dropFirst()
    }
    if s == "0" { return CELDuration(seconds: 0) }
    guard !s.isEmpty else { return nil }
    let units: [(String, Int64)] = [
      ("ns", 1), ("us", 1_000), ("µs", 1_000), ("ms", 1_000_000), ("s", 1_000_000_000),
      ("m", 60_000_000_000), ("h", 3_600_000_000_000),
    ]
    var totalSeconds: Int64 = 0
    var totalNanos: Int64 = 0
    while !s.isEmpty {
      let numberText = s.prefix { $0.isNumber || $0 == "." }
      guard !numberText.isEmpty, let amount = Double(numberText) else { return nil }
      s = s.dropFirst(numberText.count)
      guard
        let (unit, nanosPerUnit) = units.filter({ s.hasPrefix($0.0) }).max(by: {
          $0.0.count < $1.0.count
        })
      else { return nil }
      s = s.dropFirst(unit.count)
      let whole = Int64(numberText.prefix { $0 != "." }) ?? 0
      let fractional = amount - Double(whole)
      // Whole units exactly, the fraction through double (sub-nanosecond rounding).
      let wholeNanos = whole.multipliedReportingOverflow(by: nanosPerUnit)
      if wholeNanos.overflow {
        let secondsPerUnit = nanosPerUnit / 1_000_000_000
        guard secondsPerUnit > 0 else { return nil }
        let (s2, o) = whole.multipliedReportingOverflow(by: secondsPerUnit)
        guard !o else { return nil }
        totalSeconds += s2
      } else {
        totalSeconds += wholeNanos.partialValue / 1_000_000_000
        totalNanos += wholeNanos.partialValue % 1_000_000_000
      }
      totalNanos += Int64((fractional * Double(nanosPerUnit)).rounded())
    }
    if negative {
      totalSeconds = -totalSeconds
      totalNanos = -totalNanos
    }
    return CELDuration.normalised(seconds: totalSeconds, nanos: totalNanos)
  }

  // MARK: Accessors

  /// The offset from UTC in seconds of a time zone name (`America/New_York`, `+05:30`, `UTC`)
  /// at the given instant.
  static func offset(of zone: String, at seconds: Int64) -> Int64? {
    // A fixed offset: `+05:30`, `-08:00`, or unsigned `02:00` (as cel-go accepts).
    let sign: Int64 = zone.hasPrefix("-") ? -1 : 1
    let unsigned = zone.hasPrefix("+") || zone.hasPrefix("-") ? zone.dropFirst() : Substring(zone)
    let parts = unsigned.split(separator: ":", omittingEmptySubsequences: false)
    if parts.count == 2, parts.allSatisfy({ $0.count == 2 }), let h = Int64(parts[0]),
      let m = Int64(parts[1])
    {
      return sign * (h * 3600 + m * 60)
    }
    guard let tz = TimeZone(identifier: zone) else { return nil }
    return Int64(tz.secondsFromGMT(for: Date(timeIntervalSince1970: Double(seconds))))
  }

  static func timestampAccessor(
    _ name: String, _ part: @escaping @Sendable (_ local: Int64, _ nanos: Int32) -> Int64
  ) -> CELFunction {
    CELFunction(
      name,
      overloads: [
        .init("timestamp_to_\(name)", receiverStyle: true, [.timestamp], .int),
        .init("timestamp_to_\(name)_with_tz", receiverStyle: true, [.timestamp, .string], .int),
      ] + durationOverloads(name),
      implementation: .nary { args in
        if let absorbed = CELValue.propagate(args) { return absorbed }
        if case .duration(let d) = args.first, args.count == 1 {
          return durationPart(name, d)
        }
        guard case .timestamp(let t) = args.first else {
          return .error(CELError("no such overload: \(name)"))
        }
        var local = t.seconds
        if args.count == 2 {
          guard case .string(let zone) = args[1], let offset = offset(of: zone, at: t.seconds)
          else { return .error(CELError("unknown time zone")) }
          local += offset
        }
        return .int(part(local, t.nanos))
      })
  }

  private static func durationOverloads(_ name: String) -> [CELOverload] {
    ["getHours", "getMinutes", "getSeconds", "getMilliseconds"].contains(name)
      ? [.init("duration_to_\(name)", receiverStyle: true, [.duration], .int)] : []
  }

  private static func durationPart(_ name: String, _ d: CELDuration) -> CELValue {
    switch name {
    case "getHours": return .int(d.seconds / 3600)
    case "getMinutes": return .int(d.seconds / 60)
    case "getSeconds": return .int(d.seconds)
    case "getMilliseconds": return .int(Int64(d.nanos) / 1_000_000)
    default: return .error(CELError("no such overload: \(name)"))
    }
  }

  static func date(_ local: Int64) -> (year: Int64, month: Int64, day: Int64) {
    CivilCalendar.date(days: CivilCalendar.days(fromSeconds: local))
  }

  static func secondOfDay(_ local: Int64) -> Int64 {
    local - CivilCalendar.seconds(fromDays: CivilCalendar.days(fromSeconds: local))
  }

  static let accessors: [CELFunction] = [
    timestampAccessor("getFullYear") { local, _ in date(local).year },
    timestampAccessor("getMonth") { local, _ in date(local).month - 1 },
    timestampAccessor("getDate") { local, _ in date(local).day },
    timestampAccessor("getDayOfMonth") { local, _ in date(local).day - 1 },
    timestampAccessor("getDayOfYear") { local, _ in
      let (y, _, _) = date(local)
      return CivilCalendar.days(fromSeconds: local) - CivilCalendar.days(year: y, month: 1, day: 1)
    },
    timestampAccessor("getDayOfWeek") { local, _ in
      // 1970-01-01 was a Thursday (4).
      let days = CivilCalendar.days(fromSeconds: local)
      return ((days % 7) + 11) % 7
    },
    timestampAccessor("getHours") { local, _ in secondOfDay(local) / 3600 },
    timestampAccessor("getMinutes") { local, _ in secondOfDay(local) / 60 % 60 },
    timestampAccessor("getSeconds") { local, _ in secondOfDay(local) % 60 },
    timestampAccessor("getMilliseconds") { _, nanos in Int64(nanos) / 1_000_000 },
  ]

  static let conversions: [CELFunction] = [
    StandardLibrary.unary(
      "timestamp",
      [
        .init("timestamp_to_timestamp", [.timestamp], .timestamp),
        .init("string_to_timestamp", [.string], .timestamp),
        .init("int64_to_timestamp", [.int], .timestamp),
      ]
    ) { v in
      switch v {
      case .timestamp: return v
      case .string(let s):
        return parseTimestamp(s).map(CELValue.timestamp)
          ?? .error(CELError("cannot parse '\(s)' as a timestamp"))
      case .int(let i):
        return CELTimestamp.normalised(seconds: i, nanos: 0).map(CELValue.timestamp) ?? overflow
      default: return CELValue.propagate(v) ?? CELValue.noSuchOverload("timestamp", v)
      }
    },
    StandardLibrary.unary(
      "duration",
      [
        .init("duration_to_duration", [.duration], .duration),
        .init("string_to_duration", [.string], .duration),
      ]
    ) { v in
      switch v {
      case .duration: return v
      case .string(let s):
        return parseDuration(s).map(CELValue.duration)
          ?? .error(CELError("cannot parse '\(s)' as a duration"))
      default: return CELValue.propagate(v) ?? CELValue.noSuchOverload("duration", v)
      }
    },
  ]
}

extension StandardLibrary {
  static let time: [CELFunction] = TimeFunctions.accessors + TimeFunctions.conversions
}
