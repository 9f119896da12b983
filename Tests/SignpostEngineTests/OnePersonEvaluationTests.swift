import Foundation
import SignpostRules
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
/// evaluated, and nothing else was needed.
@Test func onePersonHasTheResultOfTheWholePopulation() throws {
  let pack = try wigan()
  #expect(Evaluator.readThroughLinks(pack).contains(true))
  var linkedCases = 0
  for testCase in pack.pack.tests where testCase.extract.isEmpty {
    let population = TestPopulation.build(testCase, pack).population
    let evaluator = Evaluator(pack: pack, asOf: testCase.asOf)
    let whole = evaluator.evaluate(population)
    if !population.links.isEmpty { linkedCases += 1 }
    for p in 0..<population.count {
      #expect(
        written(evaluator.evaluate(person: p, in: population)) == written(whole[p]),
        "\(testCase.name), person \(population.ids[p])")
    }
  }
  #expect(linkedCases >= 5)
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
