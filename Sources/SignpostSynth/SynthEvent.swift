/// One event of a person: a date and up to four values whose meaning depends on the
/// ``SynthEventKind``: a code (reason, role), a second code (offence), a flag (open, weapon,
/// child present, sharp object) and an amount (days, hours).
struct SynthEvent: Sendable {
  /// A code or flag that is written as an empty cell.
  static let blankCode: UInt8 = .max
  /// See ``blankCode``.
  static let blankFlag: Int8 = -1

  var person: Int32
  var date: Int32
  var code: UInt8 = 0
  var code2: UInt8 = 0
  var flag: Int8 = 0
  /// `nan` when blank.
  var amount: Float = 0
}
