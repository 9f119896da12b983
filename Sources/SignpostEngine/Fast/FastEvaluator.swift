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

  /// Compiles the pack for a population. Every expression the checker accepts compiles:
  /// what has no specialised node runs through the CEL runtime.
  public init(pack: CompiledPack, population: Population, asOf: PackDate) {
    self.pack = pack
    context = FastContext(population: population, pack: pack, asOf: asOf)
  }

  /// A plan of the worker's own: closures shared between cores would bounce their reference
  /// counts between the cores' caches on every call.
  private func workerPlan() -> FastPlan {
    FastPlan(pack: pack, context: context)
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
      let frame = FastFrame(slots: plan.slotCount, outcomes: outcomes.pointer, indicatorCount: n)
      var sums = [Int64](repeating: 0, count: domains.count)
      for p in range {
        let (score, band) = scoring.score(
          fired: { outcomes[p * n + $0] == ScoreTable.Outcome.fired.rawValue }, sums: &sums)
        for d in sums.indices { domainPoints[p * domains.count + d] = sums[d] }
        scores[p] = score
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

/// The pack's expressions compiled to typed closures.
struct FastPlan: Sendable {
  let indicators: [BoolFn]
  let eligibility: [[BoolFn]]
  let exclusions: [[BoolFn]]
  let priorities: [DoubleFn?]
  let kernels: [ProgrammeKernel]
  let scope: BoolFn?
  let slotCount: Int

  init(pack: CompiledPack, context: FastContext) {
    var compiler = FastCompiler(context: context)
    var indicators: [BoolFn] = []
    for compiled in pack.indicators {
      compiler.evidence = Dictionary(
        compiled.evidence.map { ($0.name, ($0.program.expression.root, $0.program)) },
        uniquingKeysWith: { first, _ in first })
      indicators.append(compiler.compileBool(compiled.when))
    }
    compiler.evidence = [:]
    scope = pack.scope.map { compiler.compileBool($0) }
    compiler.programmeVariables = true
    var eligibility: [[BoolFn]] = []
    var exclusions: [[BoolFn]] = []
    var priorities: [DoubleFn?] = []
    for programme in pack.programmes {
      var conditions: [BoolFn] = []
      for program in programme.eligibility { conditions.append(compiler.compileBool(program)) }
      eligibility.append(conditions)
      conditions = []
      for program in programme.exclusions { conditions.append(compiler.compileBool(program)) }
      exclusions.append(conditions)
      priorities.append(
        programme.priority.map { compiler.compileNumber($0) })
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
