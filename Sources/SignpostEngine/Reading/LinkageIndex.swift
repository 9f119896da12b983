import SignpostRules

/// The linkage file read into a lookup: (id system, source id) → the person ids it was
/// matched to, with the match score.
struct LinkageIndex {
  struct Match {
    var personID: String
    var score: Double
    var method: String
  }

  private var matches: [String: [Match]] = [:]
  let minimumScore: Double

  init(minimumScore: Double) {
    self.minimumScore = minimumScore
  }

  private static func key(_ system: String, _ id: String) -> String { system + "\u{1F}" + id }

  mutating func add(system: String, id: String, match: Match) {
    matches[Self.key(system, id), default: []].append(match)
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

  /// The person id a source record belongs to.
  func person(system: String, id: String) -> Result<String, Unmatched> {
    guard let found = matches[Self.key(system, id)], !found.isEmpty else {
      return .failure(.noLink(system: system, id: id))
    }
    let accepted = found.filter { $0.score >= minimumScore }
    guard !accepted.isEmpty else {
      let best = found.map(\.score).max() ?? 0
      return .failure(.belowMinimum(system: system, id: id, score: best, minimum: minimumScore))
    }
    let persons = Set(accepted.map(\.personID))
    guard persons.count == 1, let person = persons.first else {
      return .failure(.ambiguous(system: system, id: id, persons: persons.sorted()))
    }
    return .success(person)
  }
}
