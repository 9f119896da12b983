import SignpostEngine
import SignpostRules
import SignpostServer
import Testing

/// The served pack's evaluator is built once per as-of date and answers as a new one would.
@Suite struct EvaluatorCacheTests {
  @Test func answersForTheDateAskedAsAFreshEvaluatorWould() async throws {
    let fixture = try await ServiceFixture()
    defer { fixture.remove() }
    let served = fixture.service.scoring
    let population = served.scoring.read.population
    var scores: [String: [Int]] = [:]
    for iso in ["2025-04-01", "2025-04-01", "2027-06-30", "2025-04-01"] {
      let date = try #require(PackDate(iso: iso))
      let cached = served.evaluator(asOf: date)
      #expect(cached.asOf == date)
      let fresh = Evaluator(pack: served.scoring.pack, asOf: date).evaluate(population)
      let answered = cached.evaluate(population)
      #expect(answered.map(\.score) == fresh.map(\.score))
      #expect(answered.map(\.band) == fresh.map(\.band))
      scores[iso] = answered.map(\.score)
    }
    // The dates score differently, so a stale evaluator would have been caught above.
    #expect(scores["2025-04-01"] != scores["2027-06-30"])
  }
}
