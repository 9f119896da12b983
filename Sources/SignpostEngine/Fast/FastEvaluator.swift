import Dispatch
import Foundation
import SignpostCEL
import SignpostRules

/// The throughput path: every expression of the pack compiled to typed closures over the
/// columnar population, persons evaluated in parallel chunks, stratum by stratum, into a
/// compact ``ScoreTable``. Its output is byte-for-byte the reference ``Evaluator``'s.
public struct FastEvaluator: Sendable {
  let pack: CompiledPack
  let context: FastContext
  /// The plan compiled when the evaluator was made; each worker compiles its own copy.
  let plan: FastPlan

  /// Compiles the pack for a population, or says which expression the fast path cannot run.
  public static func make(pack: CompiledPack, population: Population, asOf: PackDate)
    -> Result<FastEvaluator, FastUnsupported>
  {
    let context = FastContext(population: population, pack: pack, asOf: asOf)
    do throws(FastUnsupported) {
      return .success(
        FastEvaluator(
          pack: pack, context: context, plan: try FastPlan(pack: pack, context: context)))
    } catch {
      return .failure(error)
    }
  }

  /// A plan of the worker's own: closures shared between cores would bounce their reference
  /// counts between the cores' caches on every call.
  private func workerPlan() -> FastPlan {
    (try? FastPlan(pack: pack, context: context)) ?? plan
  }

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
        let frame = FastFrame(slots: plan.slotCount, outcomes: outcomes.pointer, indicatorCount: n)
        for p in range {
          frame.person = p
          for i in stratum {
            frame.flag = 0
            let value = plan.indicators[i](frame)
            outcomes[p * n + i] = Self.outcome(value, frame.flag).rawValue
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
    let domainOf = pack.indicators.map(\.domainIndex)
    let points = pack.indicators.map { Int32($0.indicator.points) }
    let bandMinimums = pack.scoring.bands.map { Int32($0.minimum) }
    let programmes = pack.programmes.count
    let domainPoints = SharedBuffer<Int32>(repeating: 0, count: count * domains.count)
    let scores = SharedBuffer<Int32>(repeating: 0, count: count)
    let bands = SharedBuffer<UInt8>(repeating: 0, count: count)
    let inScope = SharedBuffer<Bool>(repeating: true, count: count)
    let undecided = SharedBuffer<Bool>(repeating: false, count: count)
    let decisions = SharedBuffer<UInt8>(repeating: 0, count: count * programmes)
    let conditions = SharedBuffer<UInt16>(repeating: 0, count: count * programmes)
    let priorities = SharedBuffer<Double>(repeating: 0, count: count * programmes)
    Parallel.forEachChunk(count: count) { range in
      let plan = workerPlan()
      let frame = FastFrame(slots: plan.slotCount, outcomes: outcomes.pointer, indicatorCount: n)
      var sums = [Int32](repeating: 0, count: domains.count)
      for p in range {
        for d in sums.indices { sums[d] = 0 }
        for i in 0..<n where outcomes[p * n + i] == ScoreTable.Outcome.fired.rawValue {
          sums[domainOf[i]] += points[i]
        }
        var total: Int32 = 0
        for d in sums.indices {
          let capped = min(sums[d], Int32(domains[d].cap))
          domainPoints[p * domains.count + d] = capped
          total += capped
        }
        let score = max(0, min(100, total))
        scores[p] = score
        let band = bandMinimums.firstIndex { score >= $0 } ?? 0
        bands[p] = UInt8(band)
        frame.person = p
        frame.score = Int64(score)
        frame.band = band
        var scoped = true
        if let scope = plan.scope {
          frame.flag = 0
          let value = scope(frame)
          // Undecidable (no date of birth): not scored, counted as undecided.
          if frame.flag == 0 {
            scoped = value
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
          conditions[slot] = verdict.condition
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

/// The pack's expressions compiled to typed closures.
struct FastPlan: Sendable {
  let indicators: [BoolFn]
  let eligibility: [[BoolFn]]
  let exclusions: [[BoolFn]]
  let priorities: [DoubleFn?]
  let kernels: [ProgrammeKernel]
  let scope: BoolFn?
  let slotCount: Int

  init(pack: CompiledPack, context: FastContext) throws(FastUnsupported) {
    var compiler = FastCompiler(context: context)
    var indicators: [BoolFn] = []
    for compiled in pack.indicators {
      compiler.evidence = Dictionary(
        compiled.evidence.map { ($0.name, ($0.program.expression.root, $0.program)) },
        uniquingKeysWith: { first, _ in first })
      do throws(FastUnsupported) {
        indicators.append(try compiler.compileBool(compiled.when))
      } catch {
        throw FastUnsupported(description: "\(compiled.indicator.id): \(error.description)")
      }
    }
    compiler.evidence = [:]
    scope = try pack.scope.map { program throws(FastUnsupported) in
      try compiler.compileBool(program)
    }
    compiler.programmeVariables = true
    var eligibility: [[BoolFn]] = []
    var exclusions: [[BoolFn]] = []
    var priorities: [DoubleFn?] = []
    for programme in pack.programmes {
      var conditions: [BoolFn] = []
      for program in programme.eligibility { conditions.append(try compiler.compileBool(program)) }
      eligibility.append(conditions)
      conditions = []
      for program in programme.exclusions { conditions.append(try compiler.compileBool(program)) }
      exclusions.append(conditions)
      priorities.append(
        try programme.priority.map { program throws(FastUnsupported) in
          try compiler.compileNumber(program)
        })
    }
    self.indicators = indicators
    self.eligibility = eligibility
    self.exclusions = exclusions
    self.priorities = priorities
    kernels = ProgrammeKernel.all(pack)
    slotCount = compiler.slotCount
  }

  /// One programme's decision for the frame's person, by the programme's kernel.
  func decide(_ programme: Int, inScope: Bool, _ frame: FastFrame) -> ProgrammeKernel.Verdict {
    let required = eligibility[programme]
    let excluding = exclusions[programme]
    return kernels[programme].decide(
      inScope: inScope, score: frame.score,
      condition: { k in
        frame.flag = 0
        let value = k < required.count ? required[k](frame) : excluding[k - required.count](frame)
        return (value, ValueStatus(rawValue: frame.flag) ?? .error)
      },
      priority: {
        guard let priority = priorities[programme] else { return (0, .error) }
        frame.flag = 0
        let value = priority(frame)
        return (value, ValueStatus(rawValue: frame.flag) ?? .error)
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
