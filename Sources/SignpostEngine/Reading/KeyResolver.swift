import SignpostRules

/// Finds the person a row's key names, from the key's bytes, without changing anything, so
/// every core can use it at once: a person already known for the pack's own ids, or through
/// the linkage for a partner's id system. A class, so that a row's lookup takes it by
/// reference rather than copying (and retaining) the index and linkage it holds.
final class KeyResolver: Sendable {
  let persons: PersonIndex
  let system: String?
  let linkage: LinkageIndex?

  init(table: SourceTable, persons: PersonIndex, linkage: LinkageIndex?) {
    self.persons = persons
    system = table.idSystem
    self.linkage = linkage
  }

  /// Whether keys are a partner's ids, joined through the linkage.
  var isForeign: Bool { system != nil }

  /// Why a key names no person.
  struct Problem: Error {
    var reason: String
    /// Set when the linkage could not join the key.
    var unmatched: LinkageIndex.Unmatched?
    /// Whether the linkage holds the key in another case.
    var caseMismatch = false
  }

  /// The key in upper or lower case (ASCII), if the linkage holds it so.
  private func otherCase(_ key: UnsafeBufferPointer<UInt8>, system: String) -> String? {
    guard let linkage else { return nil }
    for variant in [
      key.map { $0 >= 97 && $0 <= 122 ? $0 - 32 : $0 },
      key.map { $0 >= 65 && $0 <= 90 ? $0 + 32 : $0 },
    ]
    where !variant.elementsEqual(key) {
      let found = variant.withUnsafeBufferPointer { linkage.person(system: system, id: $0) }
      if case .failure(.noLink) = found { continue }
      return String(decoding: variant, as: UTF8.self)
    }
    return nil
  }

  func resolve(_ key: UnsafeBufferPointer<UInt8>) -> Result<Int, Problem> {
    resolve(key, hash: isForeign ? 0 : PersonIndex.hash(key))
  }

  /// ``resolve(_:)`` for a key whose ``PersonIndex/hash(_:)`` is `hash` (used only for the
  /// pack's own ids).
  func resolve(_ key: UnsafeBufferPointer<UInt8>, hash: UInt64) -> Result<Int, Problem> {
    guard let system else {
      guard let index = persons.index(of: key, hash: hash) else {
        if let problem = IDCheck.problem(key) { return .failure(Problem(reason: problem)) }
        return .failure(
          Problem(reason: "unknown person id '\(String(decoding: key, as: UTF8.self))'"))
      }
      return .success(index)
    }
    guard let linkage else {
      return .failure(
        Problem(
          reason: "no linkage file to join \(system) ids",
          unmatched: .noLink(system: system, id: String(decoding: key, as: UTF8.self))))
    }
    switch linkage.person(system: system, id: key) {
    case .success(let person): return .success(person)
    case .failure(let unmatched):
      if case .noLink = unmatched, let problem = IDCheck.problem(key) {
        return .failure(Problem(reason: problem))
      }
      if case .noLink = unmatched, let other = otherCase(key, system: system) {
        return .failure(
          Problem(
            reason: unmatched.reason
              + "; the linkage has '\(other)': do the systems spell ids in different cases?",
            unmatched: unmatched, caseMismatch: true))
      }
      return .failure(Problem(reason: unmatched.reason, unmatched: unmatched))
    }
  }
}
