import Foundation
import SignpostRules

/// One scoring run: extracts read, everyone evaluated, places allocated, with timings.
public struct ScoringRun: Sendable {
  public let pack: CompiledPack
  public let asOf: PackDate
  public let read: ExtractReadResult
  public let results: [PersonResult]
  public let referrals: [Referral]
  /// Seconds spent reading, evaluating and allocating.
  public let timings: [(phase: String, seconds: Double)]

  /// Reads the extracts in `directory` and scores everyone in them.
  public static func run(
    pack: CompiledPack, inputDirectory: String, asOf: PackDate, strict: Bool = false
  ) throws(ExtractReadError) -> ScoringRun {
    let clock = ContinuousClock()
    let start = clock.now
    let read = try ExtractReader(pack: pack, directory: inputDirectory, strict: strict)
      .read()
    let afterRead = clock.now
    let results = Evaluator(pack: pack, asOf: asOf).evaluate(read.population)
    let afterEvaluate = clock.now
    let referrals = ProgrammeAllocation.allocate(
      results.filter(\.inScope),
      programmes: pack.programmes.map { ($0.programme.id, $0.programme.capacity) })
    let end = clock.now
    func seconds(_ d: Duration) -> Double {
      Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
    }
    return ScoringRun(
      pack: pack, asOf: asOf, read: read, results: results, referrals: referrals,
      timings: [
        ("read", seconds(afterRead - start)), ("evaluate", seconds(afterEvaluate - afterRead)),
        ("allocate", seconds(end - afterEvaluate)),
      ])
  }

  /// The results of the people who are scored.
  public var scored: [PersonResult] { results.filter(\.inScope) }
}
