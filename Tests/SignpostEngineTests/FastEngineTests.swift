import Foundation
import SignpostRules
import SignpostTestSupport
import Testing

@testable import SignpostEngine

/// The Wigan pack, and its sample extract scored by the fast engine.
func wiganSampleRun() throws -> (CompiledPack, ScoringRun) {
  let pack = try PackCompiler.compile(
    directory: repositoryRoot.appendingPathComponent("rules/wigan").path
  ).get()
  let run = try ScoringRun.run(
    pack: pack, inputDirectory: repositoryRoot.appendingPathComponent("samples/wigan").path,
    asOf: asOf)
  return (pack, run)
}

/// Scores a folder with both evaluators.
private func bothEngines(pack: CompiledPack, input: String) throws -> (ScoringRun, ScoringRun) {
  let fast = try ScoringRun.run(pack: pack, inputDirectory: input, asOf: asOf, engine: .fast)
  let reference = try ScoringRun.run(
    pack: pack, inputDirectory: input, asOf: asOf, engine: .reference)
  return (fast, reference)
}

@Test func fastEngineWritesTheReferenceBytesOnTheWiganSample() throws {
  let pack = try PackCompiler.compile(
    directory: repositoryRoot.appendingPathComponent("rules/wigan").path
  ).get()
  let (fast, reference) = try bothEngines(
    pack: pack, input: repositoryRoot.appendingPathComponent("samples/wigan").path)
  #expect(fast.engine == .fast)
  #expect(fast.scoredCount > 1000)
  #expect(RunOutputs.scoresCSV(fast) == RunOutputs.scoresCSV(reference))
  #expect(RunOutputs.scoresNDJSON(fast) == RunOutputs.scoresNDJSON(reference))
  #expect(RunOutputs.referralsCSV(fast) == RunOutputs.referralsCSV(reference))
  #expect(fast.table.outcomes == reference.table.outcomes)
  #expect(fast.table.decisions == reference.table.decisions)
  #expect(fast.table.decidingCondition == reference.table.decidingCondition)
  #expect(fast.table.scopeUndecided == reference.table.scopeUndecided)
}

@Test func fastEngineMatchesWhenASourceIsMissing() throws {
  let pack = try PackCompiler.compile(
    directory: repositoryRoot.appendingPathComponent("rules/wigan").path
  ).get()
  let sample = repositoryRoot.appendingPathComponent("samples/wigan")
  let folder = try TemporaryFolder(files: [:])
  defer { folder.remove() }
  // Only the council register and the school files: no police, health or social care.
  for name in [
    "people.csv", "links.csv", "pupils.csv", "suspensions.csv", "permanent_exclusions.csv",
    "cme_episodes.csv",
  ] {
    try FileManager.default.copyItem(
      at: sample.appendingPathComponent(name), to: folder.url.appendingPathComponent(name))
  }
  let (fast, reference) = try bothEngines(pack: pack, input: folder.path)
  #expect(RunOutputs.scoresCSV(fast) == RunOutputs.scoresCSV(reference))
  #expect(RunOutputs.referralsCSV(fast) == RunOutputs.referralsCSV(reference))
  #expect(fast.table.outcomes.contains(ScoreTable.Outcome.notEvaluated.rawValue))
}

@Test func fastEngineMatchesOnTheTinyFixture() throws {
  let (fast, reference) = try bothEngines(
    pack: try tinyPack(), input: fixtures.appendingPathComponent("extracts/tiny").path)
  #expect(RunOutputs.scoresCSV(fast) == RunOutputs.scoresCSV(reference))
  #expect(RunOutputs.referralsCSV(fast) == RunOutputs.referralsCSV(reference))
}

@Test func explanationOfOnePersonMatchesTheBulkResult() throws {
  let (pack, run) = try wiganSampleRun()
  for p in run.scoredIndices.prefix(300) {
    let result = run.result(for: p)
    #expect(result.score == run.score(p), "\(run.id(p))")
    #expect(result.band == run.band(p))
    let fired = result.outcomes.indices.filter { result.outcomes[$0] == .fired }
      .map { pack.indicators[$0].indicator.id }
    #expect(fired == run.indicators(p, .fired))
  }
}

/// The flat plan runs every expression of the Wigan pack as instructions: none is left to
/// the CEL runtime. A string function the plan does not specialise is, and still agrees.
@Test func theWiganPackCompilesToInstructionsOnly() throws {
  let (pack, run) = try wiganSampleRun()
  let evaluator = FastEvaluator(pack: pack, population: run.read.population, asOf: asOf)
  #expect(evaluator.genericNodeCount == 0)

  let generic = try expressionPack(["size(person.id) > 1 && person.id.startsWith('P')"])
  let folder = try tinyExtract(["people.csv"])
  defer { folder.remove() }
  let (lines, tiny) = try disagreements(generic, folder.path)
  #expect(lines.isEmpty, "\(lines)")
  let plan = FastEvaluator(pack: generic, population: tiny.read.population, asOf: asOf)
  #expect(plan.genericNodeCount > 0)
}

/// An indicator whose program reads of the person only their lists and fields is decided
/// once for everyone whose lists are all empty and fields all missing; so is one that reads
/// such an indicator of the person, by that indicator's inputs and its own.
@Test func indicatorsThatReadListsAndFieldsAloneAreDecidedForEmptyInputs() throws {
  let (pack, run) = try wiganSampleRun()
  let plan = FastPlan(
    pack: pack, context: FastContext(population: run.read.population, pack: pack, asOf: asOf))
  let guarded = Set(
    pack.indicators.indices.filter { plan.indicatorGuards[$0] != FastPlan.alwaysRun }
      .map { pack.indicators[$0].indicator.id })
  #expect(
    guarded.isSuperset(of: [
      "police_suspect_7d", "parent_carer_violent_offending", "persistent_absence",
    ]))
  #expect(guarded.count == pack.indicators.count)
  // `indicators.suspension_12m` of the person: its inputs are among the reader's.
  let settled = try #require(pack.indicatorIndex("settled_in_education"))
  let suspension = try #require(pack.indicatorIndex("suspension_12m"))
  let read = plan.indicatorGuards[suspension]
  #expect(plan.indicatorGuards[settled] & read == read)
  #expect(plan.indicatorGuards[settled] != read)
}

/// The scoring pass gives a person with no indicator fired the score of anyone so, found a
/// word of outcome cells at a time: a fired cell anywhere in a row of any length is seen,
/// and rows of the other outcomes are not taken for fired.
@Test func aFiredCellIsFoundAnywhereInARow() {
  let others: [ScoreTable.Outcome] = [.notFired, .notEvaluated, .failed]
  for length in 1...20 {
    for other in others {
      let plain = [UInt8](repeating: other.rawValue, count: length)
      #expect(!plain.withUnsafeBufferPointer { FastEvaluator.anyFired($0.baseAddress!, length) })
      for at in 0..<length {
        var row = plain
        row[at] = ScoreTable.Outcome.fired.rawValue
        #expect(
          row.withUnsafeBufferPointer { FastEvaluator.anyFired($0.baseAddress!, length) },
          "length \(length), fired at \(at) among \(other)")
      }
    }
  }
}

/// The Wigan pack's scope and the programme conditions with an age range are guarded by the
/// age: the four that read only the age are remembered whole, and the two that also read a
/// year group by their age conjuncts.
@Test func conditionsWithAnAgeRangeAreGuardedByTheAge() throws {
  let (pack, run) = try wiganSampleRun()
  let plan = FastPlan(
    pack: pack, context: FastContext(population: run.read.population, pack: pack, asOf: asOf))
  let guards = (0..<plan.machine.ageGuardCount).map { plan.machine.ageGuards[$0] }
  #expect(guards.filter(\.ageOnly).count == 4)
  #expect(guards.filter { !$0.ageOnly }.map(\.count) == [2, 2])
  #expect(plan.scope?.ageGuard == 0)
}

/// Ages are worked out once per birth day: the same as once per person, for every day of
/// a span that crosses 29 February, and none for a span too long to tabulate.
@Test func agesByDayAreTheOnePersonAges() throws {
  let now = PackDate(daysSinceEpoch: 20_148).components
  let days = [Int32(7_000), Column.missingDate, Int32(11_016), Int32(20_148), Int32(6_950)]
  let (first, table) = try #require(FastContext.agesByDay(days, now))
  #expect(first == 6_950)
  #expect(table.count == 20_148 - 6_950 + 1)
  for (k, age) in table.enumerated() {
    #expect(
      Int64(age) == DomainLibrary.wholeYears(fromDay: Int64(first) + Int64(k), to: now))
  }
  #expect(FastContext.agesByDay([0, Int32(FastContext.agesByDayLimit)], now) == nil)
  #expect(FastContext.agesByDay([Column.missingDate], now) == nil)
}
