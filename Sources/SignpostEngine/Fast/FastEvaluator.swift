import SignpostCEL
import SignpostRules
import Synchronization

/// The throughput path: every expression of the pack compiled into one flat plan over the
/// columnar population (`FastPlan`), persons evaluated in parallel chunks, stratum by stratum, into a
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

  /// How many sub-expressions of the pack the plan leaves to the CEL runtime (generic nodes)
  /// instead of running them as instructions.
  public var genericNodeCount: Int { FastPlan(pack: pack, context: context).genericNodeCount }

  /// Evaluates everyone.
  public func evaluate() -> ScoreTable {
    let count = context.population.count
    // Every cell is written by the stratum that holds its indicator.
    let outcomes = SharedBuffer<UInt8>(unwrittenCount: count * pack.indicators.count)
    let workers = FastWorkers(pack: pack, context: context, outcomes: outcomes)
    for (index, stratum) in pack.strata.enumerated() {
      Parallel.forEachWorkerChunk(count: count) { worker, range in
        workers[worker].evaluate(stratum, range, first: index == 0)
      }
    }
    return score(outcomes, workers)
  }

  static func outcome(_ value: Bool, _ flag: UInt8) -> ScoreTable.Outcome {
    switch flag {
    case 0: value ? .fired : .notFired
    case FastFrame.unknown: .notEvaluated
    default: .failed
    }
  }

  /// Points, score, band, scope and programme decisions, in parallel, into the table with
  /// the outcomes.
  private func score(_ outcomes: SharedBuffer<UInt8>, _ workers: FastWorkers) -> ScoreTable {
    let count = context.population.count
    let n = pack.indicators.count
    let domains = pack.scoring.domains.count
    let scoring = ScoringKernel(pack)
    let oneByte = DomainPoints.fitInOneByte(scoring)
    let programmes = pack.programmes.count
    // Every element is written below, person by person.
    let narrowPoints = SharedBuffer<Int8>(unwrittenCount: oneByte ? count * domains : 0)
    let widePoints = SharedBuffer<Int64>(unwrittenCount: oneByte ? 0 : count * domains)
    let scores = SharedBuffer<UInt8>(unwrittenCount: count)
    let bands = SharedBuffer<UInt8>(unwrittenCount: count)
    let inScope = SharedBuffer<Bool>(unwrittenCount: count)
    let undecided = SharedBuffer<Bool>(unwrittenCount: count)
    let decisions = SharedBuffer<UInt8>(unwrittenCount: count * programmes)
    let conditions = SharedBuffer<UInt16>(unwrittenCount: count * programmes)
    // Each chunk's eligible slots and their priorities, by the chunk's first person.
    let eligible = Mutex<[(first: Int, slots: [Int], priorities: [Double])]>([])
    // Everyone with no indicator fired scores the same (most people), and has the same
    // row of domain points.
    var unfiredSums = [Int64](repeating: 0, count: domains)
    let unfired = scoring.score(fired: { _ in false }, sums: &unfiredSums)
    let unfiredNarrow = unfiredSums.map { Int8(truncatingIfNeeded: $0) }
    // Outside the scope, every programme's verdict is the kernel's for that.
    let outOfScope = [ProgrammeKernel.Verdict](
      repeating: ProgrammeKernel.outOfScope, count: programmes)
    let undecidedScope = [ProgrammeKernel.Verdict](
      repeating: ProgrammeKernel.undecidedScope, count: programmes)
    Parallel.forEachWorkerChunk(count: count) { [unfiredSums] worker, range in
      let plan = workers[worker].plan
      let frame = workers[worker].frame
      var sums = [Int64](repeating: 0, count: domains)
      var slots: [Int] = []
      var priorities: [Double] = []
      let cells = outcomes.pointer
      for p in range {
        let fired = Self.anyFired(cells.baseAddress.unsafelyUnwrapped + p * n, n)
        let (score, band) =
          fired
          ? scoring.score(
            fired: { cells[p * n + $0] == ScoreTable.Outcome.fired.rawValue }, sums: &sums)
          : unfired
        if oneByte, !fired, domains > 0 {
          unfiredNarrow.withUnsafeBytes { row in
            UnsafeMutableRawPointer(
              narrowPoints.pointer.baseAddress.unsafelyUnwrapped + p * domains
            )
            .copyMemory(from: row.baseAddress.unsafelyUnwrapped, byteCount: domains)
          }
        } else {
          for d in 0..<domains {
            let points = fired ? sums[d] : unfiredSums[d]
            if oneByte {
              narrowPoints[p * domains + d] = Int8(truncatingIfNeeded: points)
            } else {
              widePoints[p * domains + d] = points
            }
          }
        }
        scores[p] = UInt8(score)
        bands[p] = UInt8(band)
        frame.person = p
        frame.score = Int64(score)
        frame.band = band
        var scoped = true
        var undecidable = false
        if let scope = plan.scope {
          let (value, status) = frame.evaluate(scope)
          // Undecidable (no date of birth): not scored, counted as undecided.
          if status == 0 {
            scoped = value != 0
          } else {
            scoped = false
            undecidable = true
          }
        }
        inScope[p] = scoped
        undecided[p] = undecidable
        for programme in 0..<programmes {
          let slot = p * programmes + programme
          let verdict =
            undecidable
            ? undecidedScope[programme]
            : scoped ? plan.decide(programme, inScope: true, frame) : outOfScope[programme]
          decisions[slot] = verdict.decision.rawValue
          conditions[slot] = verdict.conditionCode
          if verdict.decision == .eligible {
            slots.append(slot)
            priorities.append(verdict.priority)
          }
        }
      }
      eligible.withLock { $0.append((range.lowerBound, slots, priorities)) }
    }
    let chunks = eligible.withLock { $0 }.sorted { $0.first < $1.first }
    return ScoreTable(
      indicators: n, domains: domains, programmes: programmes, outcomes: outcomes.array,
      domainPoints: oneByte
        ? DomainPoints(narrow: narrowPoints.array) : DomainPoints(wide: widePoints.array),
      scores: scores.array, bands: bands.array, inScope: inScope.array,
      scopeUndecided: undecided.array, decisions: decisions.array,
      decidingCondition: conditions.array,
      priorities: Priorities(
        slots: chunks.flatMap(\.slots), values: chunks.flatMap(\.priorities)))
  }
}

extension FastEvaluator {
  /// Whether any of a person's `n` outcome cells from `row` is `fired`, eight at a time.
  @inline(__always) static func anyFired(_ row: UnsafePointer<UInt8>, _ n: Int) -> Bool {
    let ones: UInt64 = 0x0101_0101_0101_0101
    let fired = ones &* UInt64(ScoreTable.Outcome.fired.rawValue)
    var k = 0
    while k + 8 <= n {
      // A zero byte in `word ^ fired` is a fired cell.
      let word = UnsafeRawPointer(row + k).loadUnaligned(as: UInt64.self) ^ fired
      if (word &- ones) & ~word & (ones << 7) != 0 { return true }
      k += 8
    }
    while k < n {
      if row[k] == ScoreTable.Outcome.fired.rawValue { return true }
      k += 1
    }
    return false
  }
}

extension FastFrame {
  /// Runs a program and returns the value and status of its result; a condition its
  /// person's age decides (``FastAgeGuard``) from what the frame has learned at that age.
  @inline(__always) func evaluate(_ program: FastPlan.Program) -> (Int64, UInt8) {
    if program.ageGuard >= 0 {
      let age = Int(machine.ages[person])
      if age >= 0, age < FastAgeGuard.ages {
        let memo = ageMemo + Int(program.ageGuard) * FastAgeGuard.ages + age
        switch memo.pointee == .unset ? learn(Int(program.ageGuard), memo) : memo.pointee {
        case .isFalse: return (0, FastFrame.ok)
        case .isTrue: return (1, FastFrame.ok)
        default: break
        }
      }
    }
    run(program.entry)
    let r = Int(program.result)
    return (values[r], status[r])
  }

  /// What the person's age decides of the condition guarded by age guard `index`, learned
  /// the first time the frame meets the age by running the guard's conjuncts, into `memo`.
  private func learn(_ index: Int, _ memo: UnsafeMutablePointer<FastAgeGuard.Memo>)
    -> FastAgeGuard.Memo
  {
    let ageGuard = machine.ageGuards[index]
    var learned = FastAgeGuard.Memo.runs
    for k in Int(ageGuard.start)..<Int(ageGuard.start + ageGuard.count) {
      let conjunct = machine.ageConjuncts[k]
      run(conjunct.entry)
      let r = Int(conjunct.result)
      guard status[r] == FastFrame.ok else { continue }
      if ageGuard.ageOnly {
        learned = values[r] != 0 ? .isTrue : .isFalse
      } else if values[r] == 0 {
        learned = .isFalse
        break
      }
    }
    memo.pointee = learned
    return learned
  }
}
