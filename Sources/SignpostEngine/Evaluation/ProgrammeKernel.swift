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
/// It also carries what a programme declares about its exclusions (one may list a person with
/// a note, or mark them as holding a place) and its ties at the last place. To add a rule,
/// extend ``Verdict``, ``Candidate`` or ``place(_:holders:listed:)`` here: every path picks it
/// up.
public struct ProgrammeKernel: Sendable {
  public let id: String
  /// Eligibility conditions' ids, then exclusions'.
  public let conditionIDs: [String]
  public let eligibilityCount: Int
  public let hasPriority: Bool
  /// Places per run; `nil` for no limit.
  public let capacity: Int?
  /// What each exclusion does to the person it applies to, in exclusion order.
  public let exclusionOutcomes: [Condition.Outcome]
  /// The note of each exclusion listed with the programme ("inform the allocated worker").
  public let exclusionNotes: [String]
  /// What happens to people tied at the last place.
  public let ties: Programme.Ties

  /// The verdict for a person whose scope cannot be decided for want of data.
  public static let undecidedScope = Verdict(
    decision: .notEvaluated, condition: .scope, priority: 0)

  /// The verdict for a person outside the scope: not eligible, by the scope.
  public static let outOfScope = Verdict(decision: .notEligible, condition: .scope, priority: 0)

  public init(
    id: String, eligibility: [String] = [], exclusions: [String] = [], hasPriority: Bool = false,
    capacity: Int?, exclusionOutcomes: [Condition.Outcome]? = nil, exclusionNotes: [String]? = nil,
    ties: Programme.Ties = .panel
  ) {
    self.id = id
    conditionIDs = eligibility + exclusions
    eligibilityCount = eligibility.count
    self.hasPriority = hasPriority
    self.capacity = capacity
    let outcomes = exclusionOutcomes ?? Array(repeating: .excluded, count: exclusions.count)
    self.exclusionOutcomes = outcomes
    self.exclusionNotes = exclusionNotes ?? Array(repeating: "", count: exclusions.count)
    self.ties = ties
    let holding = exclusions.indices.filter { outcomes[$0] == .holdsPlace }
      .map { eligibility.count + $0 }
    evaluationOrder =
      holding
      + (0..<(eligibility.count + exclusions.count)).filter {
        !holding.contains($0)
      }
  }

  public init(_ programme: CompiledProgramme) {
    let exclusions = programme.programme.exclusions
    self.init(
      id: programme.programme.id, eligibility: programme.programme.eligibility.map(\.id),
      exclusions: exclusions.map(\.id), hasPriority: programme.priority != nil,
      capacity: programme.programme.capacity, exclusionOutcomes: exclusions.map(\.outcome),
      exclusionNotes: exclusions.map(\.note), ties: programme.programme.ties)
  }

  /// Conditions in the order they are decided: exclusions that hold a place first (someone
  /// already on the programme holds their place whether or not they would qualify today),
  /// then eligibility, then the other exclusions.
  let evaluationOrder: [Int]

  /// What the exclusion that decided a verdict does, if an exclusion decided it.
  public func exclusionOutcome(_ verdict: Verdict) -> Condition.Outcome? {
    guard verdict.decision == .excluded, case .condition(let index) = verdict.condition else {
      return nil
    }
    let k = index - eligibilityCount
    return exclusionOutcomes.indices.contains(k) ? exclusionOutcomes[k] : nil
  }

  /// The note of the exclusion that decided a verdict; empty if no exclusion decided it.
  public func exclusionNote(_ verdict: Verdict) -> String {
    guard case .condition(let index) = verdict.condition else { return "" }
    let k = index - eligibilityCount
    return exclusionNotes.indices.contains(k) ? exclusionNotes[k] : ""
  }

  /// The kernels of a pack's programmes, in pack order.
  public static func all(_ pack: CompiledPack) -> [ProgrammeKernel] {
    pack.programmes.map(ProgrammeKernel.init)
  }

  /// A decision before places are allocated, with the condition that decided it.
  public struct Verdict: Sendable, Hashable {
    public var decision: ScoreTable.Decision
    /// What decided it; `nil` for an eligible decision.
    public var condition: DecidingCondition?
    /// The ranking value of an eligible decision.
    public var priority: Double

    public init(decision: ScoreTable.Decision, condition: DecidingCondition?, priority: Double) {
      self.decision = decision
      self.condition = condition
      self.priority = priority
    }

    /// The deciding condition as a score table stores it (0 for an eligible decision).
    public var conditionCode: UInt16 { condition?.code ?? 0 }
  }

  /// Decides one person: exclusions that hold a place, then eligibility conditions in order
  /// (all must hold), then the other exclusions (any one rules out), then the priority (the
  /// score when the programme has none). The first condition that is false, true, unknown or
  /// failed, as its kind requires, decides.
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
    evaluationOrder.withUnsafeBufferPointer { order in
      Self.decide(
        order: order, eligibilityCount: eligibilityCount, hasPriority: hasPriority,
        inScope: inScope, score: score, condition: condition, priority: priority)
    }
  }

  /// ``decide(inScope:score:condition:priority:)`` given what it reads of a kernel — its
  /// ``evaluationOrder``, ``eligibilityCount`` and ``hasPriority`` — as plain values, for a loop
  /// over many persons that keeps them without copying the kernel for each.
  @inline(__always)
  static func decide(
    order: UnsafeBufferPointer<Int>, eligibilityCount: Int, hasPriority: Bool,
    inScope: Bool, score: Int64, condition: (Int) -> (Bool, ValueStatus),
    priority: () -> (Double, ValueStatus)
  ) -> Verdict {
    guard inScope else { return outOfScope }
    for k in order {
      let (value, status) = condition(k)
      let isExclusion = k >= eligibilityCount
      switch status {
      case .ok:
        if !isExclusion && !value {
          return Verdict(decision: .notEligible, condition: .condition(k), priority: 0)
        }
        if isExclusion && value {
          return Verdict(decision: .excluded, condition: .condition(k), priority: 0)
        }
      case .unknown: return Verdict(decision: .notEvaluated, condition: .condition(k), priority: 0)
      case .error: return Verdict(decision: .failed, condition: .condition(k), priority: 0)
      }
    }
    guard hasPriority else {
      return Verdict(decision: .eligible, condition: nil, priority: Double(score))
    }
    let (value, status) = priority()
    switch status {
    case .ok: return Verdict(decision: .eligible, condition: nil, priority: value)
    case .unknown: return Verdict(decision: .notEvaluated, condition: .priority, priority: 0)
    case .error: return Verdict(decision: .failed, condition: .priority, priority: 0)
    }
  }

  /// The name of a deciding condition as people read it: `scope`, the condition's id, or
  /// `priority`.
  public func conditionName(_ condition: DecidingCondition) -> String {
    switch condition {
    case .scope: "scope"
    case .condition(let k): conditionIDs.indices.contains(k) ? conditionIDs[k] : "condition \(k)"
    case .priority: "priority"
    }
  }

  /// A verdict as a decision with reasons: `missing` and `message` describe an unknown or a
  /// failed deciding condition.
  public func decision(_ verdict: Verdict, missing: [MissingInput], message: String)
    -> ProgrammeDecision
  {
    // Only an eligible verdict has no deciding condition (``decide`` gives every other one a
    // condition), and an eligible decision names none.
    let condition = verdict.condition ?? .scope
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
      Verdict(decision: .eligible, condition: nil, priority: priority)
    case .notEligible(let condition):
      Verdict(decision: .notEligible, condition: condition, priority: 0)
    case .excluded(let condition):
      Verdict(decision: .excluded, condition: condition, priority: 0)
    case .notEvaluated(let condition, _):
      Verdict(decision: .notEvaluated, condition: condition, priority: 0)
    case .failed(let condition, _):
      Verdict(decision: .failed, condition: condition, priority: 0)
    }
  }

  // MARK: Places

  /// An eligible person competing for a place.
  public struct Candidate: Sendable {
    public var person: Int
    public var id: String
    public var priority: Double
    public var score: Int

    public init(person: Int, id: String, priority: Double, score: Int) {
      self.person = person
      self.id = id
      self.priority = priority
      self.score = score
    }
  }

  /// Rank order: priority, then score (both highest first), then person id, so that the
  /// same inputs always give the same list.
  public static func ranksBefore(_ a: Candidate, _ b: Candidate) -> Bool {
    if a.priority != b.priority { return a.priority > b.priority }
    if a.score != b.score { return a.score > b.score }
    return a.id < b.id
  }

  /// Whether two candidates tie on everything that ranks them (priority and score).
  public static func tie(_ a: Candidate, _ b: Candidate) -> Bool {
    a.priority == b.priority && a.score == b.score
  }

  /// The referrals of a programme: its candidates ranked, the places left (capacity less
  /// `holders`, those already on the programme) recommended and the rest waitlisted, and
  /// `listed` people (an exclusion with outcome `listed`) listed with that exclusion's note.
  ///
  /// People tied at the last place are never split by person id: with `Programme.Ties.panel`
  /// all of them are listed as `tied` for the panel, with the number of places left; with
  /// `recommend_all` all are recommended, with `waitlist_all` all waitlisted. Tied people
  /// share one rank.
  public func place(
    _ candidates: [Candidate], holders: Int = 0, listed: [(Candidate, note: String)] = []
  ) -> [Referral] {
    let ranked = candidates.sorted(by: Self.ranksBefore)
    var statuses = [ReferralStatus](repeating: .recommended, count: ranked.count)
    var ranks = ranked.indices.map { $0 + 1 }
    var notes = [String](repeating: "", count: ranked.count)
    if let capacity {
      let places = max(0, capacity - holders)
      for i in ranked.indices where i >= places { statuses[i] = .waitlisted }
      if places > 0, places < ranked.count, Self.tie(ranked[places - 1], ranked[places]) {
        var start = places - 1
        while start > 0, Self.tie(ranked[start - 1], ranked[places]) { start -= 1 }
        var end = places
        while end + 1 < ranked.count, Self.tie(ranked[end + 1], ranked[places]) { end += 1 }
        let left = places - start
        let count = end - start + 1
        for i in start...end {
          ranks[i] = start + 1
          switch ties {
          case .panel:
            statuses[i] = .tied
            notes[i] =
              "\(left) place\(left == 1 ? "" : "s") left for \(count) tied at the last place: the panel decides"
          case .recommendAll: statuses[i] = .recommended
          case .waitlistAll: statuses[i] = .waitlisted
          }
        }
      }
    }
    var referrals = ranked.indices.map { i in
      Referral(
        programme: id, rank: ranks[i], personIndex: ranked[i].person, id: ranked[i].id,
        score: ranked[i].score, status: statuses[i], note: notes[i])
    }
    for (candidate, note) in listed.sorted(by: { Self.ranksBefore($0.0, $1.0) }) {
      referrals.append(
        Referral(
          programme: id, rank: 0, personIndex: candidate.person, id: candidate.id,
          score: candidate.score, status: .listed, note: note))
    }
    return referrals
  }
}
