import SignpostCEL
import SignpostRules
import SignpostSource

extension FieldValue {
  /// The value as expressions see it, for a field of `type`; missing becomes unknown.
  public func celValue(_ type: FieldType, missing: String) -> CELValue {
    switch (self, type) {
    case (.bool(let b), _): return .bool(b)
    case (.int(let i), _): return .int(i)
    case (.double(let d), _): return .double(d)
    case (.date(let d), _):
      return .timestamp(CELTimestamp(seconds: CivilCalendar.seconds(fromDays: Int64(d))))
    case (.code(let c), .enumeration(let values)) where Int(c) < values.count:
      return .string(values[Int(c)])
    case (.string(let s), _): return .string(s)
    default: return .unknown(CELUnknown([missing]))
    }
  }

  /// The value of an expression's result stored as a field of `type`, or missing when the
  /// result is unknown, an error or of another kind.
  public init(_ value: CELValue, as type: FieldType) {
    switch (value, type) {
    case (.bool(let b), .bool): self = .bool(b)
    case (.int(let i), .int): self = .int(i)
    case (.double(let d), .double) where d.isFinite: self = .double(d)
    case (.timestamp(let t), .date):
      let days = CivilCalendar.days(fromSeconds: t.seconds)
      self = Int32(exactly: days).map(FieldValue.date) ?? .missing
    case (.string(let s), .enumeration(let values)):
      self = values.firstIndex(of: s).map { .code(UInt16($0)) } ?? .missing
    case (.string(let s), .string): self = .string(s)
    default: self = .missing
    }
  }
}
