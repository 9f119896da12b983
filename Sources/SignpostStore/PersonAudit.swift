/// Everything the store records about access to one person through the service: each read
/// (shown or refused) and each decision, for a subject access request ("who looked at this
/// child's record").
public struct PersonAudit: Sendable {
  public var personID: String
  public var reads: [PersonRead]
  public var decisions: [Decision]

  public init(personID: String, reads: [PersonRead], decisions: [Decision]) {
    self.personID = personID
    self.reads = reads
    self.decisions = decisions
  }

  /// The audit as a person reads it on a terminal: one line per read, then per decision,
  /// oldest first.
  public var text: String {
    var lines = ["person \(personID): \(reads.count) reads, \(decisions.count) decisions"]
    for read in reads {
      let run = read.runID.map { " run \($0)" } ?? ""
      lines.append(
        "\(read.at)  \(read.outcome.rawValue)  \(read.user) (\(read.role))  \(read.page)\(run)")
    }
    for decision in decisions {
      lines.append(
        "\(decision.at)  decided  \(decision.user)  \(decision.programme): "
          + "\(decision.kind.rawValue), \(decision.reason.rawValue)  run \(decision.runID)")
    }
    return lines.joined(separator: "\n") + "\n"
  }
}
