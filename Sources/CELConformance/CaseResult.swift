/// The outcome of one conformance case.
public enum CaseOutcome: Sendable, Equatable {
  case passed
  /// What the case expected and what it got, both as text for the report.
  case failed(expected: String, actual: String)
  /// Why the case was not run.
  case skipped(String)
}

/// A test and its outcome.
public struct CaseResult: Sendable {
  public var test: SimpleTest
  public var outcome: CaseOutcome

  public init(test: SimpleTest, outcome: CaseOutcome) {
    self.test = test
    self.outcome = outcome
  }
}
