import SignpostCEL
import SignpostRules

extension Evaluator {
  /// One person's result, the same as `evaluate(population)[person]`, evaluating no more than
  /// it needs: every indicator of the person, and of the persons linked to them (within as
  /// many links as there are strata after the first) only the indicators that network rules
  /// read, and what those read. No one but the person is scored or decided.
  ///
  /// For a referral between nights (`POST /api/v1/score`): a population of one person and
  /// the relatives described with them, where scoring everyone would evaluate each relative
  /// in full for the few offending indicators the family and peer rules read.
  public func evaluate(person subject: Int, in population: Population) -> PersonResult {
    let count = indicatorIDs.count
    let reach = Self.reachable(from: subject, in: population, links: pack.strata.count - 1)
    let readByLinks = Self.readThroughLinks(pack)
    var outcomes = [Int: [IndicatorOutcome?]]()
    for p in reach { outcomes[p] = [IndicatorOutcome?](repeating: nil, count: count) }
    var evidence = [[CELValue]](repeating: [], count: count)
    let data = RecordData(population: population, pack: pack)
    let persons = { (q: Int) in PersonObject(data: data, person: q) }
    let noOutcomes = [IndicatorOutcome?](repeating: nil, count: count)
    for stratum in pack.strata {
      for p in reach {
        let due = p == subject ? stratum : stratum.filter { readByLinks[$0] }
        guard !due.isEmpty else { continue }
        let links = linksObject(for: p, population, persons) { outcomes[$0] ?? noOutcomes }
        for i in due {
          let (outcome, values) = evaluateIndicator(
            i, person: persons(p), links: links, outcomes: outcomes[p] ?? noOutcomes)
          outcomes[p]?[i] = outcome
          if p == subject, outcome == .fired { evidence[i] = values }
        }
      }
    }
    let own = (outcomes[subject] ?? noOutcomes).map { $0 ?? .failed("not evaluated: no stratum") }
    return score(
      person: subject, persons(subject), outcomes: own, evidence: evidence,
      links: linksObject(for: subject, population, persons) { outcomes[$0] ?? noOutcomes })
  }

  /// The persons within `links` links of `subject`, the subject first, then by distance.
  static func reachable(from subject: Int, in population: Population, links: Int) -> [Int] {
    var order = [subject]
    var seen: Set<Int> = [subject]
    var frontier = [subject]
    for _ in 0..<max(0, links) {
      var next: [Int] = []
      for p in frontier {
        for link in population.links(of: p) where seen.insert(link.to).inserted {
          next.append(link.to)
          order.append(link.to)
        }
      }
      frontier = next
    }
    return order
  }

  /// Whether each indicator is read of a linked person by some network rule, directly or
  /// through the indicators such an indicator reads itself.
  static func readThroughLinks(_ pack: CompiledPack) -> [Bool] {
    // By index: an indicator read as a whole would be copied, every string of it retained.
    let indicators = pack.indicators.indices
    var read = [Bool](repeating: false, count: indicators.count)
    var pending = indicators.flatMap { pack.indicators[$0].networkDependencies }
    while let i = pending.popLast() {
      guard !read[i] else { continue }
      read[i] = true
      pending += pack.indicators[i].localDependencies
      pending += pack.indicators[i].networkDependencies
    }
    return read
  }

  /// The evidence values of an indicator known to have fired for a person (by the flat plan):
  /// its evidence expressions alone, without its `when`.
  func evidence(
    of index: Int, person: PersonObject, links: LinksObject, outcomes: [IndicatorOutcome?]
  ) -> [CELValue] {
    pack.indicators[index].evidence.map { _, program in
      program.evaluate(bind(program, person: person, links: links, outcomes: outcomes))
    }
  }
}
