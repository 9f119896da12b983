/// What became of a person for a programme, in the words pack tests expect, explanations show
/// and run summaries count. The raw values are those words.
public enum ProgrammeStatus: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
  /// Eligible, where no places are allocated: one person scored on their own (the service's
  /// score endpoint), whom the nightly run ranks with everyone else.
  case eligible
  /// Eligible and offered a place.
  case recommended
  /// Eligible, ranked below the places.
  case waitlisted
  /// Tied with others at the last place: the panel decides.
  case tied
  /// Excluded, but listed with the programme's note ("already open: inform the worker").
  case listed
  /// An eligibility condition does not hold.
  case notEligible = "not_eligible"
  /// An exclusion applies.
  case excluded
  /// A condition could not be decided for want of data.
  case notEvaluated = "not_evaluated"
  /// A condition failed at run time.
  case failed
  /// Outside the population the pack scores (an explanation's word; tests expect
  /// `not_eligible`).
  case outOfScope = "out_of_scope"
  /// Whether the pack scores the person could not be decided (an explanation's word; tests
  /// expect `not_evaluated`).
  case undecided

  /// The statuses a pack test may expect, in the order errors list them.
  public static let expectable: [ProgrammeStatus] = [
    .recommended, .waitlisted, .tied, .listed, .notEligible, .excluded, .notEvaluated, .failed,
  ]

  /// The word itself, so that text shows `not_eligible`, not the case name.
  public var description: String { rawValue }

  /// Whether the person is offered or queued for a place (`recommended`, `waitlisted`).
  public var hasPlaceOrQueue: Bool { self == .recommended || self == .waitlisted }
}
