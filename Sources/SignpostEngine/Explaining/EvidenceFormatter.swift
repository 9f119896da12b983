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

  /// The description with each `{name}` replaced by its evidence value, in one pass over its
  /// UTF-8 bytes (a placeholder's name runs to the next `}`; one that names no value stays).
  public static func fill(
    _ description: String, names: some Collection<String>, values: [CELValue]
  ) -> String {
    var description = description
    return description.withUTF8 { text in
      let open = UInt8(ascii: "{")
      let close = UInt8(ascii: "}")
      guard text.contains(open) else { return String(decoding: text, as: UTF8.self) }
      var out: [UInt8] = []
      out.reserveCapacity(text.count + 32)
      var at = 0
      while at < text.count {
        if text[at] == open, let end = text[(at + 1)...].firstIndex(of: close),
          let n = names.enumerated().first(where: {
            $0.element.utf8.elementsEqual(text[(at + 1)..<end])
          })?.offset,
          n < values.count
        {
          out += self.text(values[n]).utf8
          at = end + 1
        } else {
          out.append(text[at])
          at += 1
        }
      }
      return String(decoding: out, as: UTF8.self)
    }
  }
}
