/// How a partner's own ids look, by the name of their id system, so that partner-shaped
/// extracts carry ids like the real ones (and nothing like the register's person ids):
///
/// - `upn`: a Unique Pupil Number, a check letter and 12 digits (the LA number, 359 for
///   Wigan, then nine more), with the DfE's check letter (digits 2–13 weighted 2–13, sum
///   modulo 23, letters without I, O and S);
/// - `nhs…`: a 10-digit NHS number with a valid modulus-11 check digit, starting with 9 (a
///   range not issued to patients in England and Wales, whose numbers start 4 or 6–7);
/// - any other system whose name has a first word of two to four letters (`gmp_person_ref`,
///   `la_child_id`): that word in capitals and eight digits (`GMP04827117`, `LA04827117`);
/// - otherwise the system's name in capitals, a dash and ten digits (`REF-0000048271`).
///
/// The digits are a one-to-one scrambling of the index (affine maps modulo a power of ten
/// with multipliers prime to ten, around a reversal of the digits), so partners' ids neither
/// collide nor line up with person ids. Indices beyond the register's persons give the extra ids a partner holds (a second id
/// for one person; records the council could not match).
struct ForeignIDStyle: Sendable {
  enum Kind: Sendable {
    case upn
    case nhsNumber
    case prefixed(String)
    case generic(String)
  }

  let kind: Kind
  /// Added after scrambling, different for each system, so that two systems give one person
  /// unrelated numbers.
  private let offset: Int

  init(system: String) {
    let lower = system.lowercased()
    offset = Int(ValueModel.hash("id." + system) % 1_000_000)
    let firstWord = lower.split(separator: "_").first.map(String.init) ?? lower
    if lower == "upn" || lower.hasPrefix("upn_") {
      kind = .upn
    } else if lower.hasPrefix("nhs") {
      kind = .nhsNumber
    } else if (2...4).contains(firstWord.count), firstWord.allSatisfy(\.isLetter),
      firstWord != lower
    {
      kind = .prefixed(firstWord.uppercased())
    } else {
      kind = .generic(String(system.uppercased().filter { $0.isLetter || $0.isNumber }))
    }
  }

  /// The id of index `index` in this system.
  func id(_ index: Int) -> String {
    switch kind {
    case .upn:
      let digits = "359" + Self.padded(scramble(index, modulo: 1_000_000_000), 9)
      return String(Self.upnCheckLetter(digits)) + digits
    case .nhsNumber:
      let body = "9" + Self.padded(scramble(index, modulo: 10_000_000), 7)
      // The ninth digit is chosen so that the check digit is not 10 (no valid number).
      for last in 0...9 {
        let digits = body + String(last)
        if let check = Self.nhsCheckDigit(digits) { return digits + String(check) }
      }
      return body + "00"
    case .prefixed(let prefix):
      return prefix + Self.padded(scramble(index, modulo: 100_000_000), 8)
    case .generic(let name):
      return name + "-" + Self.padded(scramble(index, modulo: 1_000_000_000), 10)
    }
  }

  /// A one-to-one map of `[0, modulo)` onto itself (`modulo` a power of ten): an affine step,
  /// the digits reversed, and another affine step, so that neighbouring indices get unrelated
  /// ids.
  private func scramble(_ index: Int, modulo: Int) -> Int {
    let width = String(modulo - 1).count
    func affine(_ value: Int, _ multiplier: Int, _ shift: Int) -> Int {
      // The multipliers are odd and not multiples of 5, so prime to any power of ten.
      (value % modulo * (multiplier % modulo) % modulo + shift % modulo) % modulo
    }
    let first = affine(index, 387_420_489, offset)
    let reversed = Int(String(Self.padded(first, width).reversed())) ?? 0
    return affine(reversed, 282_475_249, offset / 7)
  }

  static func padded(_ value: Int, _ width: Int) -> String {
    let text = String(value)
    return String(repeating: "0", count: max(0, width - text.count)) + text
  }

  /// The UPN check letter of its 12 digits.
  static func upnCheckLetter(_ digits: String) -> Character {
    let letters = Array("ABCDEFGHJKLMNPQRTUVWXYZ")
    var sum = 0
    for (position, character) in digits.enumerated() {
      sum += (character.wholeNumberValue ?? 0) * (position + 2)
    }
    return letters[sum % 23]
  }

  /// The NHS number check digit of its first nine digits, or `nil` when there is none.
  static func nhsCheckDigit(_ digits: String) -> Int? {
    var sum = 0
    for (position, character) in digits.prefix(9).enumerated() {
      sum += (character.wholeNumberValue ?? 0) * (10 - position)
    }
    let check = 11 - sum % 11
    switch check {
    case 11: return 0
    case 10: return nil
    default: return check
    }
  }
}
