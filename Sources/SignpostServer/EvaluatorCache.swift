import SignpostEngine
import SignpostRules
import Synchronization

/// The served pack's evaluator for the latest as-of date asked for, so that a score request
/// does not build the pack's programme and scoring kernels again. One cache belongs to one
/// ``ServedScoring``: a reload brings a new pack and a new, empty cache.
public final class EvaluatorCache: Sendable {
  private let pack: CompiledPack
  private let latest = Mutex<Evaluator?>(nil)

  public init(pack: CompiledPack) {
    self.pack = pack
  }

  /// The pack's evaluator as of `asOf`: the cached one if it is for that date, else a new
  /// one, kept for the next request.
  public func evaluator(asOf: PackDate) -> Evaluator {
    if let cached = latest.withLock({ $0 }), cached.asOf == asOf { return cached }
    let evaluator = Evaluator(pack: pack, asOf: asOf)
    latest.withLock { $0 = evaluator }
    return evaluator
  }
}
