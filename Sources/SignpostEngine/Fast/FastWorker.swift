import SignpostRules

/// What one worker thread of the fast evaluator keeps from stratum to stratum and into the
/// scoring pass: a plan of its own (the generic nodes' closures shared between cores would
/// bounce their reference counts between the cores' caches on every call), its frame, and
/// the outcomes of indicators decided by lists a person has no element in.
final class FastWorker {
  let plan: FastPlan
  let frame: FastFrame
  /// By indicator: its outcome for anyone with nothing in the inputs that decide it
  /// (``FastPlan/decidingInputs(_:lists:columns:)``), once such a person has been evaluated;
  /// ``unset`` before.
  private let decidedByEmptyInputs: UnsafeMutableBufferPointer<UInt8>
  private static let unset: UInt8 = .max
  private let indicatorCount: Int
  /// Scratch for one chunk: each person's filled inputs (``FastPlan/filledInputs(_:among:into:)``),
  /// kept from chunk to chunk and grown when a chunk is longer.
  private var masks: UnsafeMutablePointer<UInt64>
  private var maskCapacity = 0

  init(pack: CompiledPack, context: FastContext, outcomes: SharedBuffer<UInt8>) {
    plan = FastPlan(pack: pack, context: context)
    indicatorCount = pack.indicators.count
    frame = FastFrame(
      machine: plan.machine, outcomes: outcomes.pointer, indicatorCount: indicatorCount)
    decidedByEmptyInputs = .allocate(capacity: max(1, indicatorCount))
    decidedByEmptyInputs.initialize(repeating: Self.unset)
    masks = .allocate(capacity: 1)
  }

  deinit {
    decidedByEmptyInputs.deallocate()
    masks.deallocate()
  }

  /// Evaluates a stratum's indicators for a range of persons into the outcome matrix.
  func evaluate(_ stratum: [Int], _ range: Range<Int>) {
    let n = indicatorCount
    let cells = frame.outcomes
    let programs = plan.indicators
    let guards = plan.indicatorGuards
    if range.count > maskCapacity {
      masks.deallocate()
      masks = .allocate(capacity: range.count)
      maskCapacity = range.count
    }
    let masks = masks
    stratum.withUnsafeBufferPointer { stratum in
      plan.filledInputs(range, among: stratum.reduce(0) { $0 | guards[$1] }, into: masks)
      for p in range {
        frame.person = p
        let filled = masks[p - range.lowerBound]
        for i in stratum {
          let alike = guards[i] & filled == 0
          if alike, decidedByEmptyInputs[i] != Self.unset {
            cells[p * n + i] = decidedByEmptyInputs[i]
            continue
          }
          let (value, status) = frame.evaluate(programs[i])
          let cell = FastEvaluator.outcome(value != 0, status).rawValue
          cells[p * n + i] = cell
          if alike { decidedByEmptyInputs[i] = cell }
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
