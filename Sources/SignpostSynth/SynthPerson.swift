/// One synthetic person: a young person (aged 0–25) or a parent, carer or other adult in
/// their household. Compact, because a million of them are held at once.
struct SynthPerson: Sendable {
  /// Fields that are written as empty cells for this person (a few percent of values are
  /// missing in real extracts).
  struct Blanks: OptionSet, Sendable {
    let rawValue: UInt16
    static let birthDate = Blanks(rawValue: 1 << 0)
    static let sex = Blanks(rawValue: 1 << 1)
    static let ethnicity = Blanks(rawValue: 1 << 2)
    static let ward = Blanks(rawValue: 1 << 3)
    static let sen = Blanks(rawValue: 1 << 4)
    static let fsm = Blanks(rawValue: 1 << 5)
    static let attendance = Blanks(rawValue: 1 << 6)
    static let yearGroup = Blanks(rawValue: 1 << 7)
  }

  /// Special educational needs provision.
  enum SEN: UInt8, Sendable {
    case none
    case support
    case ehcp
  }

  var household: Int32
  var birth: Int32
  /// One of the young people the extract is about (not a parent or other adult).
  var isYoung: Bool
  var male: Bool
  /// Index into ``SynthValues/ethnicities``.
  var ethnicity: UInt8
  var ward: Int16
  /// The latent risk: household adversity plus the person's own; events cluster on it.
  var risk: Float
  /// School of current registration (index into the borough's schools), or -1.
  var school: Int16 = -1
  var yearGroup: Int8 = -1
  var sen: SEN = .none
  var fsm = false
  /// Percentage of possible sessions attended this academic year, to one decimal as the
  /// attendance returns give it (``sessionsMissed`` of the timeline's sessions possible).
  var attendance: Double = 100
  /// Sessions missed through absence this academic year.
  var sessionsMissed: UInt16 = 0
  var childInNeed = false
  var protectionPlan = false
  var lookedAfter = false
  var openToService = false
  var blanks: Blanks = []

  /// On a school roll, with a row in the school census.
  var onRoll: Bool { school >= 0 }
}
