import Foundation
import SignpostRules
import SignpostSynth
import Testing

@testable import SignpostEngine

/// The Wigan pack, compiled.
private func wigan() throws -> CompiledPack {
  let root = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
  return try PackCompiler.compile(directory: root.appendingPathComponent("rules/wigan").path)
    .get()
}

/// What a result says, written out: outcomes, evidence, points, score, band, scope and
/// decisions.
private func written(_ result: PersonResult) -> String {
  let evidence = result.evidence.map { $0.map(\.debugText).joined(separator: ",") }
  return "\(result.personIndex) \(result.id) \(result.inScope) \(result.scopeUndecided) "
    + "\(result.outcomes) \(evidence) \(result.domainPoints) \(result.score) \(result.band) "
    + "\(result.decisions)"
}

/// Every person of every population the Wigan pack's own cases build (the subject, linked
/// relatives, co-suspects and generated others), evaluated alone, has the result a whole
/// evaluation gives them: the family and peer rules read the relatives' indicators that were
/// evaluated, and nothing else was needed. So does the flat plan's one-person evaluation
/// (the score route's), one plan per date and shape pointed at each case's population in
/// turn.
@Test func onePersonHasTheResultOfTheWholePopulation() throws {
  let pack = try wigan()
  #expect(Evaluator.readThroughLinks(pack).contains(true))
  let fast = OnePersonEvaluator(pack: pack)
  var linkedCases = 0
  var cases = 0
  for testCase in pack.pack.tests where testCase.extract.isEmpty {
    let population = TestPopulation.build(testCase, pack).population
    let evaluator = Evaluator(pack: pack, asOf: testCase.asOf)
    let whole = evaluator.evaluate(population)
    if !population.links.isEmpty { linkedCases += 1 }
    cases += 1
    for p in 0..<population.count {
      #expect(
        written(evaluator.evaluate(person: p, in: population)) == written(whole[p]),
        "\(testCase.name), person \(population.ids[p])")
      #expect(
        written(fast.evaluate(person: p, in: population, asOf: testCase.asOf))
          == written(whole[p]),
        "\(testCase.name), person \(population.ids[p]), flat plan")
    }
  }
  #expect(linkedCases >= 5)
  // Cases of one date and shape shared a plan, pointed at each population in turn.
  #expect(fast.keptPlanCount < cases / 2)
}

/// On generated people (two synthetic extracts of the same shape, and one without the police
/// and A&E extracts), the flat plan's one-person result is the reference's for everyone
/// asked about, the populations taken in turn so that each plan is pointed at another
/// population between one person and the next.
@Test func theFlatPlansOnePersonResultIsTheReferencesOnGeneratedPeople() throws {
  let pack = try wigan()
  let asOf = try #require(PackDate(iso: "2025-04-01"))
  var populations: [Population] = []
  for (seed, omit) in [
    (7, []), (8, []), (9, ["police_contacts.csv", "ae_assault_attendances.csv"]),
  ] {
    let folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("signpost-one-person-\(seed)-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: folder) }
    _ = try SyntheticExtract.generate(
      schema: pack.schema,
      configuration: SynthConfiguration(people: 400, seed: UInt64(seed), asOf: asOf),
      to: folder.path)
    for name in omit {
      try FileManager.default.removeItem(at: folder.appendingPathComponent(name))
    }
    populations.append(
      try ScoringRun.run(pack: pack, inputDirectory: folder.path, asOf: asOf).read.population)
  }
  #expect(populations[2].events.contains { $0 == nil })
  let reference = Evaluator(pack: pack, asOf: asOf)
  let fast = OnePersonEvaluator(pack: pack)
  var fired = 0
  var notEvaluated = 0
  for p in stride(from: 0, to: populations.map(\.count).min() ?? 0, by: 3) {
    for population in populations {
      let expected = reference.evaluate(person: p, in: population)
      #expect(
        written(fast.evaluate(person: p, in: population, asOf: asOf)) == written(expected),
        "person \(population.ids[p])")
      fired += expected.outcomes.filter { $0 == .fired }.count
      notEvaluated +=
        expected.outcomes.filter { if case .notEvaluated = $0 { true } else { false } }
        .count
    }
  }
  #expect(fired > 100 && notEvaluated > 100)
  #expect(fast.keptPlanCount == 2)
}

/// Only what network rules read of a linked person is evaluated for them: a relative's
/// welfare indicator is left alone, their offending indicator is evaluated.
@Test func linkedPersonsAreEvaluatedOnlyForWhatNetworkRulesRead() throws {
  let pack = try wigan()
  let read = Evaluator.readThroughLinks(pack)
  let ids = pack.indicators.map(\.indicator.id)
  #expect(read[try #require(ids.firstIndex(of: "violence_suspect_12m"))])
  #expect(!read[try #require(ids.firstIndex(of: "domestic_abuse_at_home"))])
}
