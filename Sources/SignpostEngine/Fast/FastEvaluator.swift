import Dispatch
import Foundation
import SignpostCEL
import SignpostRules

/// The throughput path: every expression of the pack compiled into one flat plan over the
/// columnar population (``FastPlan``), persons evaluated in parallel chunks, stratum by stratum, into a
/// compact ``ScoreTable``. Its output is byte-for-byte the reference ``Evaluator``'s.
public struct FastEvaluator: Sendable {
  let pack: CompiledPack
  let context: FastContext

  /// Compiles the pack for a population. Every expression the checker accepts compiles:
  /// what has no specialised node runs through the CEL runtime.
  public init(pack: CompiledPack, population: Population, asOf: PackDate) {
    self.pack = pack
    context = FastContext(population: population, pack: pack, asOf: asOf)
  }

  /// A plan of the worker's own: the generic nodes' closures shared between cores would
  /// bounce their reference counts between the cores' caches on every call.
  private func workerPlan() -> FastPlan {
    FastPlan(pack: pack, context: context)
  }

  /// How many sub-expressions of the pack the plan leaves to the CEL runtime (generic nodes)
  /// instead of running them as instructions.
  public var genericNodeCount: Int { workerPlan().genericNodeCount }

  /// Evaluates everyone.
  public func evaluate() -> ScoreTable {
    let count = context.population.count
    let n = pack.indicators.count
    var table = ScoreTable(
      count: count, indicators: n, domains: pack.scoring.domains.count,
      programmes: pack.programmes.count)
    let outcomes = SharedBuffer<UInt8>(repeating: 0, count: count * n)
    for stratum in pack.strata {
      Parallel.forEachChunk(count: count) { range in
        let plan = workerPlan()
        let frame = FastFrame(
          machine: plan.machine, outcomes: outcomes.pointer, indicatorCount: n)
        let programs = stratum.map { (indicator: $0, program: plan.indicators[$0]) }
        let cells = outcomes.pointer
        for p in range {
          frame.person = p
          for (i, program) in programs {
            frame.run(program.entry)
            let r = Int(program.result)
            cells[p * n + i] = Self.outcome(frame.values[r] != 0, frame.status[r]).rawValue
          }
        }
      }
    }
    score(&table, outcomes)
    table.outcomes = outcomes.array
    return table
  }

  static func outcome(_ value: Bool, _ flag: UInt8) -> ScoreTable.Outcome {
    switch flag {
    case 0: value ? .fired : .notFired
    case FastFrame.unknown: .notEvaluated
    default: .failed
    }
  }

  /// Points, score, band, scope and programme decisions, in parallel.
  private func score(_ table: inout ScoreTable, _ outcomes: SharedBuffer<UInt8>) {
    let count = table.count
    let n = table.indicatorCount
    let domains = pack.scoring.domains
    let scoring = ScoringKernel(pack)
    let programmes = pack.programmes.count
    let domainPoints = SharedBuffer<Int64>(repeating: 0, count: count * domains.count)
    let scores = SharedBuffer<Int32>(repeating: 0, count: count)
    let bands = SharedBuffer<UInt8>(repeating: 0, count: count)
    let inScope = SharedBuffer<Bool>(repeating: true, count: count)
    let undecided = SharedBuffer<Bool>(repeating: false, count: count)
    let decisions = SharedBuffer<UInt8>(repeating: 0, count: count * programmes)
    let conditions = SharedBuffer<UInt16>(repeating: 0, count: count * programmes)
    let priorities = SharedBuffer<Double>(repeating: 0, count: count * programmes)
    Parallel.forEachChunk(count: count) { range in
      let plan = workerPlan()
      let frame = FastFrame(machine: plan.machine, outcomes: outcomes.pointer, indicatorCount: n)
      var sums = [Int64](repeating: 0, count: domains.count)
      let cells = outcomes.pointer
      for p in range {
        let (score, band) = scoring.score(
          fired: { cells[p * n + $0] == ScoreTable.Outcome.fired.rawValue }, sums: &sums)
        for d in sums.indices { domainPoints[p * domains.count + d] = sums[d] }
        scores[p] = score
        bands[p] = UInt8(band)
        frame.person = p
        frame.score = Int64(score)
        frame.band = band
        var scoped = true
        if let scope = plan.scope {
          let (value, status) = frame.evaluate(scope)
          // Undecidable (no date of birth): not scored, counted as undecided.
          if status == 0 {
            scoped = value != 0
          } else {
            scoped = false
            undecided[p] = true
          }
        }
        inScope[p] = scoped
        for programme in 0..<programmes {
          let slot = p * programmes + programme
          let verdict =
            undecided[p]
            ? ProgrammeKernel.undecidedScope : plan.decide(programme, inScope: scoped, frame)
          decisions[slot] = verdict.decision.rawValue
          conditions[slot] = verdict.conditionCode
          priorities[slot] = verdict.priority
        }
      }
    }
    table.domainPoints = domainPoints.array
    table.scores = scores.array
    table.bands = bands.array
    table.inScope = inScope.array
    table.scopeUndecided = undecided.array
    table.decisions = decisions.array
    table.decidingCondition = conditions.array
    table.priorities = priorities.array
  }
}

extension FastFrame {
  /// Runs a program and returns the value and status of its result.
  @inline(__always) func evaluate(_ program: FastPlan.Program) -> (Int64, UInt8) {
    run(program.entry)
    let r = Int(program.result)
    return (values[r], status[r])
  }
}

/// The pack's expressions compiled into one flat plan: the instructions of every program
/// laid out in one array, and the tables they index, in memory the plan owns.
final class FastPlan: @unchecked Sendable {
  /// Where a program starts, and the register its value is left in.
  struct Program {
    var entry: Int
    var result: Int32
  }

  let machine: FastMachine
  let indicators: [Program]
  let eligibility: [[Program]]
  let exclusions: [[Program]]
  let priorities: [Program?]
  let kernels: [ProgrammeKernel]
  let scope: Program?
  /// The number of generic nodes (closures into the CEL runtime).
  let genericNodeCount: Int
  private let code: UnsafeMutableBufferPointer<FastInstruction>
  private let entries: UnsafeMutableBufferPointer<Int>
  private let columns: UnsafeMutableBufferPointer<FastColumnRef>
  private let lists: UnsafeMutableBufferPointer<FastListRef>
  private let bits: UnsafeMutableBufferPointer<UInt64>
  private let strings: UnsafeMutableBufferPointer<String>
  private let closures: UnsafeMutableBufferPointer<ValueFn>

  init(pack: CompiledPack, context: FastContext) {
    var compiler = FastCompiler(context: context)
    var indicators: [(program: Int, result: Int32)] = []
    for compiled in pack.indicators {
      compiler.evidence = Dictionary(
        compiled.evidence.map { ($0.name, ($0.program.expression.root, $0.program)) },
        uniquingKeysWith: { first, _ in first })
      indicators.append(compiler.compileBool(compiled.when))
    }
    compiler.evidence = [:]
    let scope = pack.scope.map { compiler.compileBool($0) }
    compiler.programmeVariables = true
    var eligibility: [[(program: Int, result: Int32)]] = []
    var exclusions: [[(program: Int, result: Int32)]] = []
    var priorities: [(program: Int, result: Int32)?] = []
    for programme in pack.programmes {
      eligibility.append(programme.eligibility.map { compiler.compileBool($0) })
      exclusions.append(programme.exclusions.map { compiler.compileBool($0) })
      priorities.append(programme.priority.map { compiler.compileNumber($0) })
    }
    var laid: [FastInstruction] = []
    var starts: [Int] = []
    for program in compiler.programs {
      starts.append(laid.count)
      laid += program
    }
    code = Self.unmanaged(laid)
    entries = Self.unmanaged(starts)
    columns = Self.unmanaged(compiler.columns)
    lists = Self.unmanaged(compiler.lists)
    bits = Self.unmanaged(compiler.bits)
    strings = Self.unmanaged(compiler.strings)
    closures = Self.unmanaged(compiler.closures)
    genericNodeCount = compiler.closures.count
    machine = FastMachine(
      code: Self.address(code), entries: Self.address(entries), columns: Self.address(columns),
      lists: Self.address(lists), bits: Self.address(bits), strings: Self.address(strings),
      closures: Self.address(closures), ages: Self.address(context.ages),
      now: context.asOfSeconds, registerCount: compiler.registerCount,
      slotCount: compiler.slotCount)
    func program(_ compiled: (program: Int, result: Int32)) -> Program {
      Program(entry: starts[compiled.program], result: compiled.result)
    }
    self.indicators = indicators.map(program)
    self.scope = scope.map(program)
    self.eligibility = eligibility.map { $0.map(program) }
    self.exclusions = exclusions.map { $0.map(program) }
    self.priorities = priorities.map { $0.map(program) }
    kernels = ProgrammeKernel.all(pack)
  }

  deinit {
    code.deallocate()
    entries.deallocate()
    columns.deallocate()
    lists.deallocate()
    bits.deallocate()
    strings.deinitialize()
    strings.deallocate()
    closures.deinitialize()
    closures.deallocate()
  }

  /// A copy of an array in memory the plan frees (with room for one element at least, so
  /// that it has an address).
  private static func unmanaged<T>(_ array: [T]) -> UnsafeMutableBufferPointer<T> {
    let base = UnsafeMutablePointer<T>.allocate(capacity: max(1, array.count))
    let buffer = UnsafeMutableBufferPointer(start: base, count: array.count)
    _ = buffer.initialize(from: array)
    return buffer
  }

  /// The address of a buffer ``unmanaged(_:)`` made.
  private static func address<T>(_ buffer: UnsafeMutableBufferPointer<T>) -> UnsafePointer<T> {
    UnsafePointer(buffer.baseAddress.unsafelyUnwrapped)
  }

  /// One programme's decision for the frame's person, by the programme's kernel.
  func decide(_ programme: Int, inScope: Bool, _ frame: FastFrame) -> ProgrammeKernel.Verdict {
    let required = eligibility[programme]
    let excluding = exclusions[programme]
    return kernels[programme].decide(
      inScope: inScope, score: frame.score,
      condition: { k in
        let (value, status) = frame.evaluate(
          k < required.count ? required[k] : excluding[k - required.count])
        return (value != 0, ValueStatus(rawValue: status) ?? .error)
      },
      priority: {
        guard let priority = priorities[programme] else { return (0, .error) }
        let (value, status) = frame.evaluate(priority)
        return (
          Double(bitPattern: UInt64(bitPattern: value)), ValueStatus(rawValue: status) ?? .error
        )
      })
  }
}

/// Runs work over all cores in contiguous chunks of a range.
enum Parallel {
  static func forEachChunk(count: Int, _ body: @Sendable (Range<Int>) -> Void) {
    guard count > 0 else { return }
    let chunks = min(count, max(1, ProcessInfo.activeCores * 8))
    let size = (count + chunks - 1) / chunks
    DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
      let start = chunk * size
      let end = min(count, start + size)
      if start < end { body(start..<end) }
    }
  }
}

extension ProcessInfo {
  /// The number of cores to spread work over.
  static var activeCores: Int { ProcessInfo.processInfo.activeProcessorCount }
}
