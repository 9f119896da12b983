import Foundation
import SignpostRules

/// One scoring run: extracts read, everyone evaluated, places allocated, with timings.
public struct ScoringRun: Sendable {
  /// Which evaluator scored the run.
  public enum Engine: Sendable, Equatable {
    /// Typed closures over columns, in parallel.
    case fast
    /// The CEL evaluator over values, one person at a time: the test oracle, used only when
    /// asked for by name (a run never switches to it by itself).
    case reference
  }

  public let pack: CompiledPack
  public let asOf: PackDate
  public let read: ExtractReadResult
  public let table: ScoreTable
  public let referrals: [Referral]
  /// Each person's referrals, by person index.
  private let referralsByPerson: [Int: [Int]]
  /// The number of people referred (recommended or waitlisted) to each programme.
  public let referralCounts: [String: Int]
  public let engine: Engine
  /// Seconds spent reading, evaluating, allocating and waiting for the input files' digests
  /// (hashed in the background from the read's start; `digests` is only the wait at the end).
  public let timings: [(phase: String, seconds: Double)]

  /// Reads the extracts in `directory` and scores everyone in them.
  public static func run(
    pack: CompiledPack, inputDirectory: String, asOf: PackDate, strict: Bool = false,
    engine: Engine = .fast
  ) throws(ExtractReadError) -> ScoringRun {
    let clock = ContinuousClock()
    let start = clock.now
    let hashing = try ExtractReader(pack: pack, directory: inputDirectory, strict: strict)
      .readHashingOn()
    defer { hashing.cancel() }
    try hashing.requirePersons()
    let afterRead = clock.now
    let (table, used) = evaluate(
      pack: pack, population: hashing.population, asOf: asOf, engine: engine)
    let afterEvaluate = clock.now
    let referrals = ProgrammeAllocation.allocate(
      table, ids: hashing.population.ids,
      programmes: ProgrammeKernel.all(pack))
    let afterAllocate = clock.now
    let read = try hashing.finished()
    let end = clock.now
    func seconds(_ d: Duration) -> Double {
      Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
    }
    return ScoringRun(
      pack: pack, asOf: asOf, read: read, table: table, referrals: referrals, engine: used,
      timings: [
        ("read", seconds(afterRead - start)), ("evaluate", seconds(afterEvaluate - afterRead)),
        ("allocate", seconds(afterAllocate - afterEvaluate)),
        ("digests", seconds(end - afterAllocate)),
      ])
  }

  init(
    pack: CompiledPack, asOf: PackDate, read: ExtractReadResult, table: ScoreTable,
    referrals: [Referral], engine: Engine, timings: [(phase: String, seconds: Double)]
  ) {
    self.pack = pack
    self.asOf = asOf
    self.read = read
    self.table = table
    self.referrals = referrals
    self.engine = engine
    self.timings = timings
    var byPerson: [Int: [Int]] = [:]
    var counts: [String: Int] = [:]
    for (n, referral) in referrals.enumerated() {
      byPerson[referral.personIndex, default: []].append(n)
      if referral.status != .listed { counts[referral.programme, default: 0] += 1 }
    }
    referralsByPerson = byPerson
    referralCounts = counts
  }

  /// A person's referral to a programme, if any.
  public func referral(programme: String, person: Int) -> Referral? {
    referralsByPerson[person]?.lazy.map { referrals[$0] }.first { $0.programme == programme }
  }

  /// Evaluates with the engine asked for.
  static func evaluate(pack: CompiledPack, population: Population, asOf: PackDate, engine: Engine)
    -> (ScoreTable, Engine)
  {
    switch engine {
    case .fast:
      return (FastEvaluator(pack: pack, population: population, asOf: asOf).evaluate(), .fast)
    case .reference:
      let results = Evaluator(pack: pack, asOf: asOf).evaluate(population)
      return (ScoreTable(results: results, pack: pack), .reference)
    }
  }

  /// `fast` or `reference`.
  public var engineDescription: String {
    switch engine {
    case .fast: "fast"
    case .reference: "reference"
    }
  }

  // MARK: Reading the results

  public var peopleCount: Int { table.count }
  public var scoredCount: Int { table.scoredCount }
  /// The indices of the people in the scored population, in input order.
  public var scoredIndices: [Int] { (0..<table.count).filter { table.inScope[$0] } }

  public func id(_ person: Int) -> String { read.population.ids[person] }
  public func score(_ person: Int) -> Int { Int(table.scores[person]) }
  public func band(_ person: Int) -> String { pack.scoring.bands[Int(table.bands[person])].id }

  /// The ids of the indicators with the given outcome for a person, in pack order.
  public func indicators(_ person: Int, _ outcome: ScoreTable.Outcome) -> [String] {
    (0..<table.indicatorCount).filter { table.outcome(person, $0) == outcome }
      .map { pack.indicators[$0].indicator.id }
  }

  /// One person's full result, with evidence values and missing attributes, for an
  /// explanation: the reference evaluator run for that person, reading linked persons'
  /// indicators from this run's table.
  public func result(for person: Int) -> PersonResult {
    let ids = pack.indicators.map(\.indicator.id)
    return Evaluator(pack: pack, asOf: asOf).evaluate(person: person, in: read.population) { q in
      ids.indices.map { i -> IndicatorOutcome? in
        switch table.outcome(q, i) {
        case .fired: .fired
        case .notFired: .notFired
        case .notEvaluated: .notEvaluated(missing: [.linkedIndicator(ids[i])])
        case .failed: .failed("indicator \(ids[i]) of a linked person failed")
        }
      }
    }
  }
}
