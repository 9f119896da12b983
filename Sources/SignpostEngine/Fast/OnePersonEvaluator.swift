import SignpostCEL
import SignpostRules
import Synchronization

/// One person's result, the same as the reference's ``Evaluator/evaluate(person:in:)``, from
/// the flat plan: compiled once per as-of date and population shape (which columns and event
/// lists are unsupplied), then pointed at each population it is asked about, so that a
/// request compiles nothing. For `POST /api/v1/score`, whose populations are one referral's
/// person and the relatives described with them, and the same shape from request to request.
///
/// The plan decides every outcome, the score, the band and each programme's decision; the
/// evidence of the person's indicators that fired comes from the plan's evidence programs. The
/// reference evaluator evaluates only what else an explanation needs the CEL values of: an
/// evidence value that is unknown or an error, the person's and linked persons' indicators
/// that were not evaluated or failed (their missing inputs and messages), and a programme
/// decision or scope the plan could not decide.
public final class OnePersonEvaluator: Sendable {
  public let pack: CompiledPack
  /// Whether each indicator is read of a linked person by some network rule.
  private let readByLinks: [Bool]
  private let kernels: [ProgrammeKernel]
  private let scoring: ScoringKernel
  private let plans = Mutex<[Key: Compiled]>([:])
  /// Plans kept at most: a reload brings a new evaluator, and requests of a pack share one or
  /// two shapes and dates; past this many, the kept plans are dropped and compiled again.
  private static let keptPlans = 16

  private struct Key: Hashable {
    var asOf: PackDate
    var shape: Shape
  }

  /// Which of a population's columns and event lists are unsupplied: what a plan compiles
  /// as unknown.
  private struct Shape: Hashable {
    var unsuppliedFields: [Bool]
    /// By event list: `nil` when the list is unsupplied, else its columns' unsupplied flags.
    var eventColumns: [[Bool]?]

    init(_ population: Population) {
      unsuppliedFields = population.fields.map { $0.unsupplied != nil }
      eventColumns = population.events.map { table in
        table.map { $0.columns.map { $0.unsupplied != nil } }
      }
    }
  }

  /// A plan, the context it reads and the reference evaluator, for one key; one request at a
  /// time points them at its population.
  private final class Compiled: @unchecked Sendable {
    let context: FastContext
    let plan: FastPlan
    let reference: Evaluator
    let lock = Mutex(())

    init(pack: CompiledPack, population: Population, asOf: PackDate) {
      context = FastContext(population: population, pack: pack, asOf: asOf)
      plan = FastPlan(pack: pack, context: context, evidence: true)
      reference = Evaluator(pack: pack, asOf: asOf)
    }
  }

  public init(pack: CompiledPack) {
    self.pack = pack
    readByLinks = Evaluator.readThroughLinks(pack)
    kernels = ProgrammeKernel.all(pack)
    scoring = ScoringKernel(pack)
  }

  /// Compiles the plan for populations shaped like `population` as of `asOf`, if it is not
  /// kept already (at serve start, so that the first request does not wait for it).
  public func prepare(shapedLike population: Population, asOf: PackDate) {
    _ = compiled(for: population, asOf: asOf)
  }

  /// The number of plans compiled and kept.
  public var keptPlanCount: Int { plans.withLock { $0.count } }

  private func compiled(for population: Population, asOf: PackDate) -> Compiled {
    let key = Key(asOf: asOf, shape: Shape(population))
    if let kept = plans.withLock({ $0[key] }) { return kept }
    let compiled = Compiled(pack: pack, population: population, asOf: asOf)
    return plans.withLock { plans in
      if let kept = plans[key] { return kept }
      if plans.count >= Self.keptPlans { plans.removeAll() }
      plans[key] = compiled
      return compiled
    }
  }

  /// The person's result as of `asOf`, equal to
  /// `Evaluator(pack:asOf:).evaluate(person:in:)`.
  public func evaluate(person subject: Int, in population: Population, asOf: PackDate)
    -> PersonResult
  {
    let compiled = compiled(for: population, asOf: asOf)
    return compiled.lock.withLock { _ in
      compiled.context.repoint(to: population, asOf: asOf)
      compiled.plan.repoint(to: compiled.context)
      let n = pack.indicators.count
      let cells = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(1, population.count * n))
      defer { cells.deallocate() }
      cells.initialize(repeating: ScoreTable.Outcome.notEvaluated.rawValue)
      let frame = FastFrame(
        machine: compiled.plan.machine(ages: compiled.context.ages), outcomes: cells,
        indicatorCount: n)
      let reach = Evaluator.reachable(
        from: subject, in: population, links: pack.strata.count - 1)
      for stratum in pack.strata {
        for p in reach {
          frame.person = p
          for i in stratum where p == subject || readByLinks[i] {
            let (value, status) = frame.evaluate(compiled.plan.indicators[i])
            cells[p * n + i] = FastEvaluator.outcome(value != 0, status).rawValue
          }
        }
      }
      return explained(
        subject, population, reach: reach, cells: cells, frame: frame, compiled: compiled)
    }
  }

  /// The result from the plan's outcomes, with the reference's values where the explanation
  /// reads them.
  private func explained(
    _ subject: Int, _ population: Population, reach: [Int],
    cells: UnsafeMutableBufferPointer<UInt8>, frame: FastFrame, compiled: Compiled
  ) -> PersonResult {
    // `compiled.reference` is read in place: a local copy of the evaluator would retain and
    // release every one of its fields.
    let n = pack.indicators.count
    let data = compiled.context.records
    let persons = { (q: Int) in PersonObject(data: data, person: q) }
    let noOutcomes = [IndicatorOutcome?](repeating: nil, count: n)
    var outcomes = [Int: [IndicatorOutcome?]]()
    for p in reach { outcomes[p] = noOutcomes }
    var evidence = [[CELValue]](repeating: [], count: n)
    for stratum in pack.strata {
      for p in reach {
        var links: LinksObject?
        for i in stratum where p == subject || readByLinks[i] {
          let cell = ScoreTable.Outcome(rawValue: cells[p * n + i])
          if cell == .notFired || (cell == .fired && p != subject) {
            outcomes[p]?[i] = cell == .fired ? .fired : .notFired
            continue
          }
          if cell == .fired, let values = Self.evidence(of: i, for: p, frame, compiled.plan) {
            outcomes[p]?[i] = .fired
            evidence[i] = values
            continue
          }
          let linked =
            links
            ?? compiled.reference.linksObject(for: p, population, persons) {
              outcomes[$0] ?? noOutcomes
            }
          links = linked
          if cell == .fired {
            outcomes[p]?[i] = .fired
            evidence[i] = compiled.reference.evidence(
              of: i, person: persons(p), links: linked, outcomes: outcomes[p] ?? noOutcomes)
            continue
          }
          let (outcome, _) = compiled.reference.evaluateIndicator(
            i, person: persons(p), links: linked, outcomes: outcomes[p] ?? noOutcomes)
          outcomes[p]?[i] = outcome
        }
      }
    }
    let own = (outcomes[subject] ?? noOutcomes).map { $0 ?? .failed("not evaluated: no stratum") }
    let links = compiled.reference.linksObject(for: subject, population, persons) {
      outcomes[$0] ?? noOutcomes
    }
    let decided = decided(subject, population, own, evidence, frame, compiled.plan) {
      programme, score, band, inScope in
      compiled.reference.decide(
        programme, person: persons(subject), links: links, outcomes: own,
        extra: ["score": .int(Int64(score)), "band": .string(band)], score: score,
        inScope: inScope)
    }
    return decided
      ?? compiled.reference.score(
        person: subject, persons(subject), outcomes: own, evidence: evidence, links: links)
  }

  /// An indicator's evidence values for a person from the plan's evidence programs; `nil`
  /// when one is unknown or an error, whose missing input or message the reference names.
  private static func evidence(
    of indicator: Int, for person: Int, _ frame: FastFrame, _ plan: FastPlan
  )
    -> [CELValue]?
  {
    frame.person = person
    var values: [CELValue] = []
    for (entry, value) in plan.evidence[indicator] {
      frame.run(entry)
      switch value(frame) {
      case .unknown, .error: return nil
      case let known: values.append(known)
      }
    }
    return values
  }

  /// Score, band, scope and decisions from the plan, as the fast evaluator decides them; a
  /// decision not evaluated or failed is `undecided`'s (the reference's), which names its
  /// missing inputs or message. `nil` when the scope is not evaluated or failed.
  private func decided(
    _ subject: Int, _ population: Population, _ outcomes: [IndicatorOutcome],
    _ evidence: [[CELValue]], _ frame: FastFrame, _ plan: FastPlan,
    undecided: (_ programme: Int, _ score: Int, _ band: String, _ inScope: Bool) ->
      ProgrammeDecision
  ) -> PersonResult? {
    var sums = [Int64](repeating: 0, count: pack.scoring.domains.count)
    let (score, band) = scoring.score(fired: { outcomes[$0] == .fired }, sums: &sums)
    frame.person = subject
    frame.score = Int64(score)
    frame.band = band
    var inScope = true
    if let scope = plan.scope {
      let (value, status) = frame.evaluate(scope)
      guard status == FastFrame.ok else { return nil }
      inScope = value != 0
    }
    let bandID = pack.scoring.bands.isEmpty ? "" : pack.scoring.bands[band].id
    let decisions = pack.programmes.indices.map { g in
      let verdict = plan.decide(g, inScope: inScope, frame)
      if verdict.decision == .notEvaluated || verdict.decision == .failed {
        return undecided(g, Int(score), bandID, inScope)
      }
      return kernels[g].decision(verdict, missing: [], message: "")
    }
    return PersonResult(
      personIndex: subject, id: population.ids[subject], inScope: inScope, outcomes: outcomes,
      evidence: evidence, domainPoints: sums.map(Int.init), score: Int(score), band: bandID,
      decisions: decisions)
  }
}
