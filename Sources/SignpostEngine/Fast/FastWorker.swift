import SignpostRules

/// What one worker thread of the fast evaluator keeps from stratum to stratum and into the
/// scoring pass: a plan of its own (the generic nodes' closures shared between cores would
/// bounce their reference counts between the cores' caches on every call), its frame, and
/// the outcomes of indicators decided by lists a person has no element in.
final class FastWorker {
  let plan: FastPlan
  let frame: FastFrame
  /// By indicator: its outcome for anyone with no element in the lists that decide it
  /// (``FastPlan/decidingLists(_:lists:)``), once a person without any has been evaluated;
  /// ``unset`` before.
  private let decidedByEmptyLists: UnsafeMutableBufferPointer<UInt8>
  private static let unset: UInt8 = .max
  private let indicatorCount: Int

  init(pack: CompiledPack, context: FastContext, outcomes: SharedBuffer<UInt8>) {
    plan = FastPlan(pack: pack, context: context)
    indicatorCount = pack.indicators.count
    frame = FastFrame(
      machine: plan.machine, outcomes: outcomes.pointer, indicatorCount: indicatorCount)
    decidedByEmptyLists = .allocate(capacity: max(1, indicatorCount))
    decidedByEmptyLists.initialize(repeating: Self.unset)
  }

  deinit { decidedByEmptyLists.deallocate() }

  /// Evaluates a stratum's indicators for a range of persons into the outcome matrix.
  func evaluate(_ stratum: [Int], _ range: Range<Int>) {
    let n = indicatorCount
    let cells = frame.outcomes
    let programs = plan.indicators
    let guards = plan.indicatorGuards
    stratum.withUnsafeBufferPointer { stratum in
      for p in range {
        frame.person = p
        let filled = plan.nonEmptyLists(p)
        for i in stratum {
          let alike = guards[i] & filled == 0
          if alike, decidedByEmptyLists[i] != Self.unset {
            cells[p * n + i] = decidedByEmptyLists[i]
            continue
          }
          let (value, status) = frame.evaluate(programs[i])
          let cell = FastEvaluator.outcome(value != 0, status).rawValue
          cells[p * n + i] = cell
          if alike { decidedByEmptyLists[i] = cell }
        }
      }
    }
  }
}

/// One ``FastWorker`` per worker index of ``Parallel/forEachWorkerChunk(count:_:)``, made
/// by the worker itself the first time it runs.
final class FastWorkers: @unchecked Sendable {
  private let pack: CompiledPack
  private let context: FastContext
  private let outcomes: SharedBuffer<UInt8>
  private let workers: SharedBuffer<FastWorker?>

  init(pack: CompiledPack, context: FastContext, outcomes: SharedBuffer<UInt8>) {
    self.pack = pack
    self.context = context
    self.outcomes = outcomes
    workers = SharedBuffer(repeating: nil, count: Parallel.workers)
  }

  /// Worker `index`'s state; only that worker may ask for it.
  subscript(index: Int) -> FastWorker {
    if let worker = workers[index] { return worker }
    let worker = FastWorker(pack: pack, context: context, outcomes: outcomes)
    workers[index] = worker
    return worker
  }
}
