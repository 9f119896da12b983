import SignpostCEL
import SignpostRules
import SignpostSource

/// Evaluates a compiled pack over a population for one as-of date: indicators in strata,
/// capped domain points, score and band, and each programme's decision.
///
/// This is the straightforward path: every value goes through the CEL evaluator as a
/// `CELValue`. It is the reference that faster paths must match byte for byte.
public struct Evaluator: Sendable {
  public let pack: CompiledPack
  public let asOf: PackDate
  private let asOfValue: CELValue
  private let birthDateIndex: Int?
  let indicatorIDs: [String]
  private let relationNames: [String]
  private let kernels: [ProgrammeKernel]
  private let scoring: ScoringKernel

  public init(pack: CompiledPack, asOf: PackDate) {
    self.pack = pack
    self.asOf = asOf
    asOfValue = .timestamp(
      CELTimestamp(seconds: CivilCalendar.seconds(fromDays: asOf.daysSinceEpoch)))
    birthDateIndex = pack.schema.birthDateField.flatMap { name in
      pack.schema.personFields.firstIndex { $0.name == name }
    }
    indicatorIDs = pack.indicators.map(\.indicator.id)
    relationNames = pack.schema.relations.map(\.name)
    kernels = ProgrammeKernel.all(pack)
    scoring = ScoringKernel(pack)
  }

  /// Evaluates everyone in the population.
  public func evaluate(_ population: Population) -> [PersonResult] {
    let count = population.count
    var outcomes = [[IndicatorOutcome?]](
      repeating: [IndicatorOutcome?](repeating: nil, count: indicatorIDs.count), count: count)
    var evidence = [[[CELValue]]](
      repeating: [[CELValue]](repeating: [], count: indicatorIDs.count), count: count)
    let data = RecordData(population: population, pack: pack)
    let persons = (0..<count).map { PersonObject(data: data, person: $0) }
    for stratum in pack.strata {
      for p in 0..<count {
        let links = linksObject(for: p, population, { persons[$0] }, { outcomes[$0] })
        for i in stratum {
          let (outcome, values) = evaluateIndicator(
            i, person: persons[p], links: links, outcomes: outcomes[p])
          outcomes[p][i] = outcome
          if outcome == .fired { evidence[p][i] = values }
        }
      }
    }
    return (0..<count).map { p in
      let resolved = outcomes[p].map { $0 ?? .failed("not evaluated: no stratum") }
      return score(
        person: p, persons[p], outcomes: resolved, evidence: evidence[p],
        links: linksObject(for: p, population, { persons[$0] }, { outcomes[$0] }))
    }
  }

  /// Evaluates one person, reading linked persons' indicators from `linkedOutcomes` (as a
  /// bulk run computed them): an explanation without evaluating everyone again.
  public func evaluate(
    person p: Int, in population: Population,
    linkedOutcomes: (Int) -> [IndicatorOutcome?]
  ) -> PersonResult {
    let data = RecordData(population: population, pack: pack)
    let object = { (q: Int) in PersonObject(data: data, person: q) }
    var own = [IndicatorOutcome?](repeating: nil, count: indicatorIDs.count)
    var evidence = [[CELValue]](repeating: [], count: indicatorIDs.count)
    for stratum in pack.strata {
      let links = linksObject(for: p, population, object) { q in q == p ? own : linkedOutcomes(q) }
      for i in stratum {
        let (outcome, values) = evaluateIndicator(i, person: object(p), links: links, outcomes: own)
        own[i] = outcome
        if outcome == .fired { evidence[i] = values }
      }
    }
    let links = linksObject(for: p, population, object) { q in q == p ? own : linkedOutcomes(q) }
    return score(
      person: p, object(p), outcomes: own.map { $0 ?? .failed("not evaluated: no stratum") },
      evidence: evidence, links: links)
  }

  func linksObject(
    for p: Int, _ population: Population, _ person: (Int) -> PersonObject,
    _ outcomes: (Int) -> [IndicatorOutcome?]
  ) -> LinksObject {
    var byRelation = [[CELValue]](repeating: [], count: relationNames.count)
    for link in population.links(of: p) {
      let linked = LinkedObject(
        person: person(link.to),
        indicators: IndicatorsObject(
          outcomes: outcomes(link.to), ids: indicatorIDs,
          typeName: PackTypeProvider.linkedIndicators),
        relation: relationNames[link.relation])
      byRelation[link.relation].append(.object(linked))
    }
    return LinksObject(byRelation: byRelation.map { .list($0) }, relations: relationNames)
  }

  private func age(of person: PersonObject) -> CELValue {
    guard let birthDateIndex else { return .error(CELError("the schema has no birth date")) }
    switch person.data.population.fields[birthDateIndex].value(person.person) {
    case .timestamp(let dob):
      guard case .timestamp(let now) = asOfValue else { return .null }
      return .int(DomainLibrary.wholeYears(from: dob, to: now))
    case let other: return other
    }
  }

  /// The shared variables, by name, that an expression may read.
  func bind(
    _ program: CELProgram, person: PersonObject, links: LinksObject,
    outcomes: [IndicatorOutcome?], extra: [String: CELValue] = [:]
  ) -> Activation {
    let activation = program.makeActivation()
    for (name, slot) in program.variableSlots {
      let value: CELValue
      switch name {
      case "person": value = .object(person)
      case DomainLibrary.asOf: value = asOfValue
      case "age": value = age(of: person)
      case "links": value = .object(links)
      case "indicators":
        value = .object(
          IndicatorsObject(
            outcomes: outcomes, ids: indicatorIDs, typeName: PackTypeProvider.indicators))
      default: value = extra[name] ?? .error(CELError("unbound variable '\(name)'"))
      }
      activation.slots[slot] = value
    }
    return activation
  }

  func evaluateIndicator(
    _ index: Int, person: PersonObject, links: LinksObject, outcomes: [IndicatorOutcome?]
  ) -> (IndicatorOutcome, [CELValue]) {
    let compiled = pack.indicators[index]
    var values: [CELValue] = []
    var named: [String: CELValue] = [:]
    for (name, program) in compiled.evidence {
      let value = program.evaluate(bind(program, person: person, links: links, outcomes: outcomes))
      values.append(value)
      named[name] = value
    }
    let result = compiled.when.evaluate(
      bind(compiled.when, person: person, links: links, outcomes: outcomes, extra: named))
    return (IndicatorOutcome(result), values)
  }

  func score(
    person p: Int, _ person: PersonObject, outcomes: [IndicatorOutcome],
    evidence: [[CELValue]], links: LinksObject
  ) -> PersonResult {
    var capped = [Int64](repeating: 0, count: pack.scoring.domains.count)
    let (score32, bandIndex) = scoring.score(fired: { outcomes[$0] == .fired }, sums: &capped)
    let score = Int(score32)
    let band = pack.scoring.bands.isEmpty ? "" : pack.scoring.bands[bandIndex].id
    var inScope = true
    var undecided: ProgrammeDecision?
    if let scope = pack.scope {
      // Only a definite "yes" scores a person: one whose scope cannot be decided (no date of
      // birth) is not scored or referred, and is listed as undecided instead.
      switch scope.evaluate(bind(scope, person: person, links: links, outcomes: outcomes)) {
      case .bool(let value): inScope = value
      case .unknown(let unknown):
        inScope = false
        undecided = .notEvaluated(condition: .scope, missing: MissingInput.all(in: unknown))
      case let other:
        inScope = false
        undecided = .failed(condition: .scope, message: "\(other)")
      }
    }
    let extra: [String: CELValue] = ["score": .int(Int64(score)), "band": .string(band)]
    let decisions = pack.programmes.indices.map { g in
      // An undecided scope is not evaluated for want of the scope's own data.
      undecided
        ?? decide(
          g, person: person, links: links, outcomes: outcomes, extra: extra, score: score,
          inScope: inScope)
    }
    var result = PersonResult(
      personIndex: p, id: person.data.population.ids[p], inScope: inScope, outcomes: outcomes,
      evidence: evidence,
      domainPoints: capped.map(Int.init), score: score, band: band, decisions: decisions)
    result.scopeUndecided = undecided != nil
    return result
  }

  func decide(
    _ g: Int, person: PersonObject, links: LinksObject, outcomes: [IndicatorOutcome],
    extra: [String: CELValue], score: Int, inScope: Bool
  ) -> ProgrammeDecision {
    // The programme's programs are read in place, not copied (a copy retains every field).
    let eligibility = pack.programmes[g].eligibility
    let exclusions = pack.programmes[g].exclusions
    var abnormal = CELValue.null
    func run(_ program: CELProgram) -> CELValue {
      let value = program.evaluate(
        bind(program, person: person, links: links, outcomes: outcomes, extra: extra))
      abnormal = value
      return value
    }
    let verdict = kernels[g].decide(
      inScope: inScope, score: Int64(score),
      // Eligibility conditions, then exclusions, as the kernel numbers them.
      condition: { k in
        switch run(k < eligibility.count ? eligibility[k] : exclusions[k - eligibility.count]) {
        case .bool(let value): (value, .ok)
        case .unknown: (false, .unknown)
        default: (false, .error)
        }
      },
      priority: {
        guard let priority = pack.programmes[g].priority else { return (0, .error) }
        switch run(priority) {
        case .int(let value): return (Double(value), .ok)
        case .double(let value): return (value, .ok)
        case .unknown: return (0, .unknown)
        default: return (0, .error)
        }
      })
    let missing: [MissingInput]
    if case .unknown(let u) = abnormal { missing = MissingInput.all(in: u) } else { missing = [] }
    return kernels[g].decision(verdict, missing: missing, message: abnormal.debugText)
  }
}
