import Foundation
import SignpostCEL
import SignpostRules
import SignpostSource

/// Writes evidence values the way a triage meeting reads them: dates as `2025-03-28`,
/// numbers without needless decimals, lists joined with commas.
public enum EvidenceFormatter {
  public static func text(_ value: CELValue) -> String {
    switch value {
    case .bool(let b): return b ? "yes" : "no"
    case .int(let i): return String(i)
    case .uint(let u): return String(u)
    case .double(let d):
      let rounded = (d * 10).rounded() / 10
      // A whole number too large for Int64 (or infinite, or NaN) is written as Double writes it.
      if rounded == rounded.rounded(), let whole = Int64(exactly: rounded) { return String(whole) }
      return String(rounded.isFinite ? rounded : d)
    case .string(let s): return s
    case .timestamp(let t):
      return PackDate(daysSinceEpoch: CivilCalendar.days(fromSeconds: t.seconds)).description
    case .duration(let d):
      return d.seconds % CivilCalendar.secondsPerDay == 0
        ? "\(d.seconds / CivilCalendar.secondsPerDay) days" : "\(d.seconds) seconds"
    case .list(let items): return items.map(text).joined(separator: ", ")
    case .null: return "none"
    case .unknown: return "unknown"
    case .error: return "n/a"
    default: return value.debugText
    }
  }

  /// The description with each `{name}` replaced by its evidence value.
  public static func fill(_ description: String, names: [String], values: [CELValue]) -> String {
    var text = description
    for (name, value) in zip(names, values) {
      text = text.replacingAll("{\(name)}", with: self.text(value))
    }
    return text
  }
}

extension String {
  /// The text with every occurrence of `target` replaced, found byte by byte in UTF-8 (the
  /// placeholders are ASCII; Foundation's `range(of:)` was most of an explanation's cost).
  fileprivate func replacingAll(_ target: String, with replacement: String) -> String {
    let needle = Array(target.utf8)
    guard let first = needle.first else { return self }
    let text = Array(utf8)
    var out: [UInt8] = []
    var at = 0
    var replaced = false
    while at < text.count {
      if text[at] == first, text.count - at >= needle.count,
        text[at..<at + needle.count].elementsEqual(needle)
      {
        if !replaced { out.reserveCapacity(text.count + replacement.utf8.count) }
        out += replacement.utf8
        at += needle.count
        replaced = true
      } else {
        out.append(text[at])
        at += 1
      }
    }
    return replaced ? String(decoding: out, as: UTF8.self) : self
  }
}
