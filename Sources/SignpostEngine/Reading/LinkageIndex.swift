import SignpostRules

/// The linkage file read into a lookup: (id system, source id) → the persons it was matched
/// to, by method and score. Source ids are interned per system, so a row's key is looked up
/// straight from a file's bytes.
struct LinkageIndex: Sendable {
  struct Match: Sendable {
    var person: Int
    var personID: String
    /// `nil` when the linkage gives none (a clerical match, say).
    var score: Double?
    var method: String
  }

  private var systems: [String: Int] = [:]
  private var ids: [PersonIndex] = []
  private var matches: [[[Match]]] = []
  let minimumScore: Double
  /// Methods accepted whatever their score.
  let acceptedMethods: Set<String>

  init(minimumScore: Double, acceptedMethods: Set<String> = []) {
    self.minimumScore = minimumScore
    self.acceptedMethods = acceptedMethods
  }

  mutating func add(system: String, id: UnsafeBufferPointer<UInt8>, match: Match) {
    let s: Int
    if let known = systems[system] {
      s = known
    } else {
      s = ids.count
      systems[system] = s
      ids.append(PersonIndex())
      matches.append([])
    }
    let (index, inserted) = ids[s].insert(id)
    if inserted { matches[s].append([]) }
    matches[s][index].append(match)
  }

  /// Why a source record could not be joined to a person.
  enum Unmatched: Error {
    case noLink(system: String, id: String)
    case belowMinimum(system: String, id: String, score: Double, minimum: Double)
    case ambiguous(system: String, id: String, persons: [String])

    var reason: String {
      switch self {
      case .noLink(let system, let id): "no linkage for \(system) id '\(id)' (unmatched)"
      case .belowMinimum(let system, let id, let score, let minimum):
        "linkage of \(system) id '\(id)' scores \(score), below the minimum \(minimum) (unmatched)"
      case .ambiguous(let system, let id, let persons):
        "\(system) id '\(id)' is linked to several persons (\(persons.joined(separator: ", "))) (unmatched)"
      }
    }
  }

  /// Whether a match is accepted: by its method, or by its score.
  func accepts(_ match: Match) -> Bool {
    if acceptedMethods.contains(match.method) { return true }
    return (match.score ?? -1) >= minimumScore
  }

  /// The person a source record belongs to.
  func person(system: String, id: UnsafeBufferPointer<UInt8>) -> Result<Int, Unmatched> {
    func text() -> String { String(decoding: id, as: UTF8.self) }
    guard let s = systems[system], let index = ids[s].index(of: id) else {
      return .failure(.noLink(system: system, id: text()))
    }
    let found = matches[s][index]
    var person: Int?
    var several = false
    for match in found where accepts(match) {
      if let chosen = person, chosen != match.person { several = true }
      person = person ?? match.person
    }
    guard let person else {
      let best = found.compactMap(\.score).max() ?? 0
      return .failure(
        .belowMinimum(system: system, id: text(), score: best, minimum: minimumScore))
    }
    guard !several else {
      let persons = Set(found.filter(accepts).map(\.personID)).sorted()
      return .failure(.ambiguous(system: system, id: text(), persons: persons))
    }
    return .success(person)
  }
}
