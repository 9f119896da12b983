import Foundation
import SignpostRules

/// Later outcomes to test the rules against, read from a CSV of `person_id,outcome,date`
/// (e.g. `P12,youth_justice_contact,2025-09-14`): each person's first date of each outcome.
public struct OutcomeRecord: Sendable {
  /// A row that could not be read, with its line and why.
  public struct Rejected: Sendable, Equatable {
    public var line: Int
    public var reason: String
  }

  /// The first date of each outcome, by person id, then outcome.
  public private(set) var firstDates: [String: [String: PackDate]] = [:]
  public private(set) var rows = 0
  public private(set) var rejected: [Rejected] = []
  /// The outcomes named in the file, sorted.
  public private(set) var outcomes: [String] = []

  /// Reads the file; a row without a person, an outcome or a `YYYY-MM-DD` date is rejected
  /// with its line, never skipped silently. Throws when the file cannot be read or has no
  /// `person_id,outcome,date` header.
  public init(path: String) throws(OutcomeFileError) {
    guard let data = FileManager.default.contents(atPath: path),
      let text = String(data: data, encoding: .utf8)
    else { throw OutcomeFileError(path: path, message: "cannot be read as UTF-8 text") }
    var lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
    if lines.last?.isEmpty ?? false { lines.removeLast() }
    let header = lines.first.map {
      $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
    }
    guard let header, let personColumn = header.firstIndex(of: "person_id"),
      let outcomeColumn = header.firstIndex(of: "outcome"),
      let dateColumn = header.firstIndex(of: "date")
    else {
      throw OutcomeFileError(
        path: path, message: "line 1 must be a header naming person_id, outcome and date")
    }
    var names: Set<String> = []
    for (n, line) in lines.enumerated().dropFirst() {
      rows += 1
      let cells = line.split(separator: ",", omittingEmptySubsequences: false).map {
        $0.trimmingCharacters(in: .whitespaces)
      }
      guard cells.count == header.count else {
        rejected.append(.init(line: n + 1, reason: "\(cells.count) cells, not \(header.count)"))
        continue
      }
      let (person, outcome) = (cells[personColumn], cells[outcomeColumn])
      guard !person.isEmpty, !outcome.isEmpty else {
        rejected.append(.init(line: n + 1, reason: "person_id and outcome must not be empty"))
        continue
      }
      guard let date = PackDate(iso: cells[dateColumn]) else {
        rejected.append(.init(line: n + 1, reason: "date '\(cells[dateColumn])' is not YYYY-MM-DD"))
        continue
      }
      names.insert(outcome)
      if let earlier = firstDates[person]?[outcome], earlier <= date { continue }
      firstDates[person, default: [:]][outcome] = date
    }
    outcomes = names.sorted()
  }

  /// The first date on which a person had any of `outcomes` (all when empty).
  public func firstDate(of person: String, among outcomes: Set<String>) -> PackDate? {
    firstDates[person]?.filter { outcomes.isEmpty || outcomes.contains($0.key) }.values.min()
  }
}

/// An outcome file that cannot be used at all.
public struct OutcomeFileError: Error, CustomStringConvertible {
  public var path: String
  public var message: String

  public var description: String { "\(path): error: \(message)" }
}
