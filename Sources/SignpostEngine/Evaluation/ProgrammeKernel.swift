import SignpostRules

/// What one expression came to for a person, as both evaluators report it: a value, or why
/// there is none. The raw values are the fast engine's frame flags.
public enum ValueStatus: UInt8, Sendable {
  case ok = 0
  /// The expression failed (a rule bug, such as dividing by zero).
  case error = 1
  /// Data it needs is missing.
  case unknown = 2
}

/// The one meaning of a programme: which condition decides a person's decision, how
/// candidates are ranked, and who gets the places. The reference and the fast evaluator both
/// call it, each evaluating conditions its own way; allocation calls it for every run.
///
/// To add a rule (a tie at the capacity line, a named worker to inform), extend ``Verdict``,
/// ``Candidate`` or ``place(_:)`` here: every path picks it up.
public struct ProgrammeKernel: Sendable {
  public let id: String
  /// Eligibility conditions' ids, then exclusions'.
  public let conditionIDs: [String]
  public let eligibilityCount: Int
  public let hasPriority: Bool
  /// Places per run; `nil` for no limit.
  public let capacity: Int?

  /// The deciding-condition index of a person outside the scored population.
  public static let scopeCondition = UInt16.max

  public init(
    id: String, eligibility: [String] = [], exclusions: [String] = [], hasPriority: Bool = false,
    capacity: Int?
  ) {
    self.id = id
    conditionIDs = eligibility + exclusions
    eligibilityCount = eligibility.count
    self.hasPriority = hasPriority
    self.capacity = capacity
  }

  public init(_ programme: CompiledProgramme) {
    self.init(
      id: programme.programme.id, eligibility: programme.programme.eligibility.map(\.id),
      exclusions: programme.programme.exclusions.map(\.id), hasPriority: programme.priority != nil,
      capacity: programme.programme.capacity)
  }

  /// The kernels of a pack's programmes, in pack order.
  public static func all(_ pack: CompiledPack) -> [ProgrammeKernel] {
    pack.programmes.map(ProgrammeKernel.init)
  }

  /// The index of the condition that decided a verdict: eligibility conditions, then
  /// exclusions, then the priority (one past the last); ``scopeCondition`` for scope.
  public var priorityCondition: UInt16 { UInt16(conditionIDs.count) }

  /// A decision before places are allocated, with the condition that decided it.
  public struct Verdict: Sendable, Hashable {
    public var decision: ScoreTable.Decision
    public var condition: UInt16
    /// The ranking value of an eligible decision.
    public var priority: Double

    public init(decision: ScoreTable.Decision, condition: UInt16, priority: Double) {
      self.decision = decision
      self.condition = condition
      self.priority = priority
    }
  }

  /// Decides one person: eligibility conditions in order (all must hold), then exclusions
  /// (any one rules out), then the priority (the score when the programme has none). The
  /// first condition that is false, true, unknown or failed, as its kind requires, decides.
  ///
  /// - Parameters:
  ///   - inScope: whether the person is scored; others are not eligible by `scope`.
  ///   - score: the person's score, the priority when the programme declares none.
  ///   - condition: evaluates condition `k` (eligibility first, then exclusions).
  ///   - priority: evaluates the priority expression (called only when there is one).
  /// - Returns: the decision and the condition that decided it.
  @inline(__always)
  public func decide(
    inScope: Bool, score: Int64, condition: (Int) -> (Bool, ValueStatus),
    priority: () -> (Double, ValueStatus)
  ) -> Verdict {
    guard inScope else {
      return Verdict(decision: .notEligible, condition: Self.scopeCondition, priority: 0)
    }
    for k in conditionIDs.indices {
      let (value, status) = condition(k)
      let isExclusion = k >= eligibilityCount
      switch status {
      case .ok:
        if !isExclusion && !value {
          return Verdict(decision: .notEligible, condition: UInt16(k), priority: 0)
        }
        if isExclusion && value {
          return Verdict(decision: .excluded, condition: UInt16(k), priority: 0)
        }
      case .unknown: return Verdict(decision: .notEvaluated, condition: UInt16(k), priority: 0)
      case .error: return Verdict(decision: .failed, condition: UInt16(k), priority: 0)
      }
    }
    guard hasPriority else {
      return Verdict(decision: .eligible, condition: 0, priority: Double(score))
    }
    let (value, status) = priority()
    switch status {
    case .ok: return Verdict(decision: .eligible, condition: 0, priority: value)
    case .unknown:
      return Verdict(decision: .notEvaluated, condition: priorityCondition, priority: 0)
    case .error: return Verdict(decision: .failed, condition: priorityCondition, priority: 0)
    }
  }

  /// The name of a verdict's deciding condition, as decisions and outputs name it.
  public func conditionName(_ index: UInt16) -> String {
    if index == Self.scopeCondition { return "scope" }
    return Int(index) < conditionIDs.count ? conditionIDs[Int(index)] : "priority"
  }

  /// The index of a named condition (the inverse of ``conditionName(_:)``).
  public func conditionIndex(_ name: String) -> UInt16 {
    if name == "scope" { return Self.scopeCondition }
    return UInt16(conditionIDs.firstIndex(of: name) ?? conditionIDs.count)
  }

  /// A verdict as a decision with reasons: `missing` and `message` describe an unknown or a
  /// failed deciding condition.
  public func decision(_ verdict: Verdict, missing: [String], message: String)
    -> ProgrammeDecision
  {
    let condition = conditionName(verdict.condition)
    switch verdict.decision {
    case .eligible: return .eligible(priority: verdict.priority)
    case .notEligible: return .notEligible(condition: condition)
    case .excluded: return .excluded(condition: condition)
    case .notEvaluated: return .notEvaluated(condition: condition, missing: missing)
    case .failed: return .failed(condition: condition, message: message)
    }
  }

  /// A decision as a verdict (the inverse of ``decision(_:missing:message:)``).
  public func verdict(_ decision: ProgrammeDecision) -> Verdict {
    switch decision {
    case .eligible(let priority):
      Verdict(decision: .eligible, condition: 0, priority: priority)
    case .notEligible(let condition):
      Verdict(decision: .notEligible, condition: conditionIndex(condition), priority: 0)
    case .excluded(let condition):
      Verdict(decision: .excluded, condition: conditionIndex(condition), priority: 0)
    case .notEvaluated(let condition, _):
      Verdict(decision: .notEvaluated, condition: conditionIndex(condition), priority: 0)
    case .failed(let condition, _):
      Verdict(decision: .failed, condition: conditionIndex(condition), priority: 0)
    }
  }

  // MARK: Places

  /// An eligible person competing for a place.
  public struct Candidate: Sendable {
    public var person: Int
    public var id: String
    public var priority: Double
    public var score: Int
  }

  /// Rank order: priority, then score (both highest first), then person id, so that the
  /// same inputs always give the same list.
  public static func ranksBefore(_ a: Candidate, _ b: Candidate) -> Bool {
    if a.priority != b.priority { return a.priority > b.priority }
    if a.score != b.score { return a.score > b.score }
    return a.id < b.id
  }

  /// The referrals of a programme's candidates: ranked, the first `capacity` recommended and
  /// the rest waitlisted.
  public func place(_ candidates: [Candidate]) -> [Referral] {
    candidates.sorted(by: Self.ranksBefore).enumerated().map { rank, candidate in
      let placed = capacity.map { rank < $0 } ?? true
      return Referral(
        programme: id, rank: rank + 1, personIndex: candidate.person, id: candidate.id,
        score: candidate.score, status: placed ? .recommended : .waitlisted)
    }
  }
}
