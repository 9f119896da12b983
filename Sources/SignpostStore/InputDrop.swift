/// How tonight's input compares with the last complete run's: a source that supplied rows
/// then and none now, or fewer people or rows than the threshold allows. Any of these would
/// otherwise show as children "no longer flagged" because data went missing, so the run is
/// held until someone accepts the drop (`signpost run --accept-drop`).
public struct InputDrop: Sendable, Equatable {
  /// The default threshold: a drop of more than 20% of people, or of one source's rows.
  public static let defaultThreshold = 0.2

  /// What dropped, in counts only (never a person or a value): one line each.
  public var reasons: [String]

  /// Nothing dropped (there was no complete run to compare with).
  public static let none = InputDrop(reasons: [])

  private init(reasons: [String]) {
    self.reasons = reasons
  }

  /// Whether nothing dropped beyond the threshold.
  public var isEmpty: Bool { reasons.isEmpty }

  /// Compares tonight's counts with the last complete run's.
  ///
  /// - Parameters:
  ///   - previous: The last complete run (its id and `people_read`).
  ///   - previousRows: Rows read per source in that run.
  ///   - people: People read tonight.
  ///   - rows: Rows read per source tonight.
  ///   - threshold: The largest drop allowed, as a fraction (0.2 for 20%).
  public init(
    previous: StoredRun, previousRows: [String: Int], people: Int, rows: [String: Int],
    threshold: Double
  ) {
    var reasons: [String] = []
    func dropped(_ before: Int, _ now: Int) -> Bool {
      before > 0 && Double(before - now) > Double(before) * threshold
    }
    let percent = Int((threshold * 100).rounded())
    for (source, before) in previousRows.sorted(by: { $0.key < $1.key }) where before > 0 {
      let now = rows[source] ?? 0
      if now == 0 {
        reasons.append(
          "source \(source) supplied \(before) rows in run \(previous.id) and none tonight")
      } else if dropped(before, now) {
        reasons.append(
          "source \(source): \(now) rows tonight against \(before) in run \(previous.id), "
            + "a drop of more than \(percent)%")
      }
    }
    if let before = previous.peopleRead, dropped(before, people) {
      reasons.append(
        "\(people) people tonight against \(before) in run \(previous.id), "
          + "a drop of more than \(percent)%")
    }
    self.reasons = reasons
  }
}
