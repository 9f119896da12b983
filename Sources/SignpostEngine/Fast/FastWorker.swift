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
  /// `first`: no stratum has written these persons' rows yet, so the overlay writes its
  /// words without reading them (a page's first touch is then a write: one page fault,
  /// not a read of the zero page and a copy on the write); the cells of later strata it
  /// writes are theirs to write.
  func evaluate(_ stratum: [Int], _ range: Range<Int>, first: Bool) {
    let guards = plan.indicatorGuards
    if range.count > maskCapacity {
      masks.deallocate()
      masks = .allocate(capacity: range.count)
      maskCapacity = range.count
    }
    let masks = masks
    stratum.withUnsafeBufferPointer { stratum in
      plan.filledInputs(range, among: stratum.reduce(0) { $0 | guards[$1] }, into: masks)
      var overlay = Overlay(stratum, worker: self, overwrites: first)
      var p = range.lowerBound
      while overlay == nil, p < range.upperBound {
        frame.person = p
        if evaluateOneByOne(stratum, p, masks[p - range.lowerBound]) {
          overlay = Overlay(stratum, worker: self, overwrites: first)
        }
        p += 1
      }
      guard let overlay else { return }
      for p in p..<range.upperBound {
        frame.person = p
        overlay.fill(p, masks[p - range.lowerBound], self)
      }
    }
  }

  /// Evaluates a stratum's indicators for person `p` one at a time, giving those whose
  /// deciding inputs are empty their outcome for anyone so; returns whether that found an
  /// outcome not known before.
  private func evaluateOneByOne(_ stratum: UnsafeBufferPointer<Int>, _ p: Int, _ filled: UInt64)
    -> Bool
  {
    let guards = plan.indicatorGuards
    var learned = false
    for i in stratum {
      let alike = guards[i] & filled == 0
      if alike, decidedByEmptyInputs[i] != Self.unset {
        frame.outcomes[p * indicatorCount + i] = decidedByEmptyInputs[i]
        continue
      }
      let cell = run(i)
      frame.outcomes[p * indicatorCount + i] = cell
      if alike {
        decidedByEmptyInputs[i] = cell
        learned = true
      }
    }
    return learned
  }

  /// Indicator `i`'s outcome for the frame's person.
  @inline(__always) private func run(_ i: Int) -> UInt8 {
    let (value, status) = frame.evaluate(plan.indicators[i])
    return FastEvaluator.outcome(value != 0, status).rawValue
  }

  /// A stratum's outcomes for persons with nothing in the inputs that decide them, laid over
  /// a person's row of the outcome matrix a word at a time; then only the indicators whose
  /// inputs the person has something in run. Made once every indicator of the stratum that
  /// has deciding inputs has an outcome for empty ones, for a stratum of at most 64.
  private struct Overlay {
    let stratum: UnsafeBufferPointer<Int>
    /// By guard bit: the positions in the stratum of the indicators it guards (bit 63:
    /// those that always run).
    var users = [UInt64](repeating: 0, count: 64)
    /// By whole word of a row (little-endian): the bytes that are not the stratum's, and the
    /// stratum's outcomes for empty inputs in the others.
    var keep: [UInt64]
    var fill: [UInt64]
    /// The stratum's cells after the whole words, and their outcomes.
    var tail: [(cell: Int, outcome: UInt8)] = []
    let rowLength: Int
    /// Whether the whole words are written without reading them (no earlier stratum's cells
    /// are in the row).
    let overwrites: Bool

    init?(_ stratum: UnsafeBufferPointer<Int>, worker: FastWorker, overwrites: Bool) {
      let guards = worker.plan.indicatorGuards
      guard stratum.count <= 64,
        stratum.allSatisfy({
          guards[$0] == FastPlan.alwaysRun || worker.decidedByEmptyInputs[$0] != FastWorker.unset
        })
      else { return nil }
      self.stratum = stratum
      self.overwrites = overwrites
      rowLength = worker.indicatorCount
      let words = rowLength / 8
      keep = [UInt64](repeating: .max, count: words)
      fill = [UInt64](repeating: 0, count: words)
      for (k, i) in stratum.enumerated() {
        var bits = guards[i]
        while bits != 0 {
          users[bits.trailingZeroBitCount] |= 1 << UInt64(k)
          bits &= bits - 1
        }
        guard guards[i] != FastPlan.alwaysRun else { continue }
        let outcome = worker.decidedByEmptyInputs[i]
        if i < words * 8 {
          let shift = UInt64(i % 8) * 8
          keep[i / 8] &= ~(0xFF << shift)
          fill[i / 8] |= UInt64(outcome) << shift
        } else {
          tail.append((i, outcome))
        }
      }
    }

    /// Fills person `p`'s cells of the stratum: the outcomes for empty inputs, then the
    /// indicators guarded by the inputs in `filled` (and those that always run) evaluated.
    @inline(__always) func fill(_ p: Int, _ filled: UInt64, _ worker: FastWorker) {
      let row =
        UnsafeMutableRawPointer(worker.frame.outcomes.baseAddress.unsafelyUnwrapped)
        + p * rowLength
      if overwrites {
        for w in fill.indices {
          row.storeBytes(of: fill[w].littleEndian, toByteOffset: w * 8, as: UInt64.self)
        }
      } else {
        for w in keep.indices {
          let old = UInt64(littleEndian: row.loadUnaligned(fromByteOffset: w * 8, as: UInt64.self))
          row.storeBytes(
            of: (old & keep[w] | fill[w]).littleEndian, toByteOffset: w * 8, as: UInt64.self)
        }
      }
      for (cell, outcome) in tail {
        row.storeBytes(of: outcome, toByteOffset: cell, as: UInt8.self)
      }
      var run: UInt64 = 0
      var bits = filled
      while bits != 0 {
        run |= users[bits.trailingZeroBitCount]
        bits &= bits - 1
      }
      while run != 0 {
        let i = stratum[run.trailingZeroBitCount]
        run &= run - 1
        row.storeBytes(of: worker.run(i), toByteOffset: i, as: UInt8.self)
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
