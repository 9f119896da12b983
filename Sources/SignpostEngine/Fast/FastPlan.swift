import SignpostCEL
import SignpostRules

/// The pack's expressions compiled into one flat plan: the instructions of every program
/// laid out in one array, and the tables they index, in memory the plan owns.
final class FastPlan: @unchecked Sendable {
  /// Where a program starts, and the register its value is left in.
  struct Program {
    var entry: Int
    var result: Int32
    /// Its ``FastAgeGuard`` in the machine's, or -1 when its person's age decides nothing.
    var ageGuard: Int32 = -1
  }

  let machine: FastMachine
  let indicators: UnsafeMutableBufferPointer<Program>
  /// Each indicator's guard: the bits of the inputs that alone decide it
  /// (``decidingInputs(_:lists:columns:)``), or ``alwaysRun``. When the person has nothing in
  /// any of them, the indicator comes to the value it had for anyone else without.
  let indicatorGuards: UnsafeMutableBufferPointer<UInt64>
  /// The inputs of guards, by bit.
  let guardInputs: UnsafeMutableBufferPointer<Input>
  /// What deciding a programme needs, as plain values (``ProgrammeKernel/decide(order:eligibilityCount:hasPriority:inScope:score:condition:priority:)``).
  struct Programme {
    /// Where its eligibility conditions, then exclusions, start in `conditions`.
    var conditions: Int
    /// Where its kernel's evaluation order starts in `orders`, and its length.
    var order: Int
    var orderCount: Int
    var eligibilityCount: Int
    /// Its priority; `nil` when it has none.
    var priority: Program?
  }

  let programmes: UnsafeMutableBufferPointer<Programme>
  /// Every programme's eligibility conditions then exclusions, one programme after another.
  let conditions: UnsafeMutableBufferPointer<Program>
  /// Every programme's kernel's evaluation order, one programme after another.
  let orders: UnsafeMutableBufferPointer<Int>
  let scope: Program?
  /// Each indicator's evidence expressions, when compiled: where each program starts, and its
  /// value as the CEL runtime's (read after the program has run).
  let evidence: [[(entry: Int, value: ValueFn)]]
  /// The number of generic nodes (closures into the CEL runtime).
  let genericNodeCount: Int
  private let code: UnsafeMutableBufferPointer<FastInstruction>
  private let entries: UnsafeMutableBufferPointer<Int>
  /// The columns and lists the instructions index; ``repoint(to:)`` rewrites them in place.
  let columns: UnsafeMutableBufferPointer<FastColumnRef>
  let lists: UnsafeMutableBufferPointer<FastListRef>
  /// Where each column comes from, and what each list iterates, by index.
  let columnSources: [FastColumnSource]
  let listSources: [FastListSource]
  private let bits: UnsafeMutableBufferPointer<UInt64>
  /// The string literals' bytes, one after another, and each literal's bytes in it.
  private let stringBytes: UnsafeMutableBufferPointer<UInt8>
  private let strings: UnsafeMutableBufferPointer<UnsafeBufferPointer<UInt8>>
  private let closures: UnsafeMutableBufferPointer<ValueFn>
  private let literals: UnsafeMutableBufferPointer<FastLiteral>
  /// The scope's and conditions' age guards, and their conjuncts' programs.
  private let ageGuards: UnsafeMutableBufferPointer<FastAgeGuard>
  private let ageConjuncts: UnsafeMutableBufferPointer<Program>

  /// Compiles the pack's expressions; with `evidence`, each indicator's evidence expressions
  /// too, as programs of their own (``evidence``), for one person's explanation.
  init(pack: CompiledPack, context: FastContext, evidence withEvidence: Bool = false) {
    var compiler = FastCompiler(context: context)
    var indicators: [(program: Int, result: Int32)] = []
    for compiled in pack.indicators {
      compiler.evidence = Dictionary(
        compiled.evidence.map { ($0.name, ($0.program.expression.root, $0.program)) },
        uniquingKeysWith: { first, _ in first })
      indicators.append(compiler.compileBool(compiled.when))
    }
    compiler.evidence = [:]
    let evidencePrograms =
      withEvidence ? pack.indicators.map { compiler.compileEvidence($0) } : []
    var ageGuards: [FastAgeGuard] = []
    var ageConjuncts: [(program: Int, result: Int32)] = []
    /// A condition compiled, with its age guard's index (see ``FastAgeGuard``).
    func guarded(_ source: CELProgram) -> (program: Int, result: Int32, ageGuard: Int32) {
      let compiled = compiler.compileBool(source)
      let start = ageConjuncts.count
      let ageOnly = FastAgeGuard.readsOnlyAge(compiler.programs[compiled.program])
      if ageOnly {
        ageConjuncts.append(compiled)
      } else {
        let conjuncts = FastAgeGuard.conjuncts(source.expression.root, in: source)
        for conjunct in conjuncts where conjuncts.count > 1 {
          // Compiled apart on a copy, kept only when it reads only the age.
          var trial = compiler
          let part = trial.compileBool(conjunct, in: source)
          if FastAgeGuard.readsOnlyAge(trial.programs[part.program]) {
            compiler = trial
            ageConjuncts.append(part)
          }
        }
      }
      guard ageConjuncts.count > start else { return (compiled.program, compiled.result, -1) }
      ageGuards.append(
        FastAgeGuard(
          ageOnly: ageOnly, start: Int32(start), count: Int32(ageConjuncts.count - start)))
      return (compiled.program, compiled.result, Int32(ageGuards.count - 1))
    }
    let scope = pack.scope.map(guarded)
    compiler.programmeVariables = true
    var conditions: [(program: Int, result: Int32, ageGuard: Int32)] = []
    var conditionStarts: [Int] = []
    var priorities: [(program: Int, result: Int32)?] = []
    for programme in pack.programmes {
      conditionStarts.append(conditions.count)
      conditions += programme.eligibility.map(guarded)
      conditions += programme.exclusions.map(guarded)
      priorities.append(programme.priority.map { compiler.compileNumber($0) })
    }
    var laid: [FastInstruction] = []
    var starts: [Int] = []
    for program in compiler.programs {
      starts.append(laid.count)
      laid += program
    }
    // Indicators read only indicators of lower strata, so the recursion ends.
    var inputsByIndicator: [Int: [Input]?] = [:]
    func inputs(of indicator: Int) -> [Input]? {
      if let known = inputsByIndicator[indicator] { return known }
      let found = Self.decidingInputs(
        compiler.programs[indicators[indicator].program], lists: compiler.lists,
        columns: compiler.columns, indicatorInputs: inputs(of:))
      inputsByIndicator[indicator] = found
      return found
    }
    var guardInputs: [Input] = []
    let guards = indicators.indices.map { indicator in
      inputs(of: indicator).map { inputs in
        var mask: UInt64 = 0
        for input in inputs {
          if let bit = guardInputs.firstIndex(of: input) {
            mask |= 1 << UInt64(bit)
          } else if guardInputs.count < Self.alwaysRun.trailingZeroBitCount {
            guardInputs.append(input)
            mask |= 1 << UInt64(guardInputs.count - 1)
          } else {
            return Self.alwaysRun
          }
        }
        return mask
      } ?? Self.alwaysRun
    }
    indicatorGuards = Self.unmanaged(guards)
    self.guardInputs = Self.unmanaged(guardInputs)
    code = Self.unmanaged(laid)
    entries = Self.unmanaged(starts)
    columns = Self.unmanaged(compiler.columns)
    lists = Self.unmanaged(compiler.lists)
    columnSources = compiler.columnSources
    listSources = compiler.listSources
    bits = Self.unmanaged(compiler.bits)
    let bytes = Self.unmanaged(compiler.strings.flatMap(\.utf8))
    var start = 0
    stringBytes = bytes
    strings = Self.unmanaged(
      compiler.strings.map { string in
        defer { start += string.utf8.count }
        return UnsafeBufferPointer(rebasing: bytes[start..<start + string.utf8.count])
      })
    closures = Self.unmanaged(compiler.closures)
    literals = Self.unmanaged(compiler.literals)
    genericNodeCount = compiler.closures.count
    self.ageGuards = Self.unmanaged(ageGuards)
    self.ageConjuncts = Self.unmanaged(
      ageConjuncts.map { Program(entry: starts[$0.program], result: $0.result) })
    machine = FastMachine(
      code: Self.address(code), entries: Self.address(entries), columns: Self.address(columns),
      lists: Self.address(lists), bits: Self.address(bits), strings: Self.address(strings),
      closures: Self.address(closures), ages: Self.address(context.ages.pointer),
      now: context.asOfSeconds, literals: Self.address(literals),
      literalCount: literals.count, registerCount: compiler.registerCount,
      slotCount: compiler.slotCount, ageGuards: Self.address(self.ageGuards),
      ageConjuncts: Self.address(self.ageConjuncts), ageGuardCount: ageGuards.count)
    func program(_ compiled: (program: Int, result: Int32)) -> Program {
      Program(entry: starts[compiled.program], result: compiled.result)
    }
    func program(_ compiled: (program: Int, result: Int32, ageGuard: Int32)) -> Program {
      Program(entry: starts[compiled.program], result: compiled.result, ageGuard: compiled.ageGuard)
    }
    evidence = evidencePrograms.map { $0.map { (starts[$0.program], $0.value) } }
    self.indicators = Self.unmanaged(indicators.map(program))
    self.scope = scope.map(program)
    self.conditions = Self.unmanaged(conditions.map(program))
    var orders: [Int] = []
    var programmes: [Programme] = []
    for (k, kernel) in ProgrammeKernel.all(pack).enumerated() {
      programmes.append(
        Programme(
          conditions: conditionStarts[k], order: orders.count,
          orderCount: kernel.evaluationOrder.count, eligibilityCount: kernel.eligibilityCount,
          priority: kernel.hasPriority ? priorities[k].map(program) : nil))
      orders += kernel.evaluationOrder
    }
    self.programmes = Self.unmanaged(programmes)
    self.orders = Self.unmanaged(orders)
  }

  deinit {
    code.deallocate()
    entries.deallocate()
    columns.deallocate()
    lists.deallocate()
    bits.deallocate()
    stringBytes.deallocate()
    strings.deallocate()
    closures.deinitialize()
    closures.deallocate()
    literals.deallocate()
    ageGuards.deallocate()
    ageConjuncts.deallocate()
    programmes.deallocate()
    conditions.deallocate()
    orders.deallocate()
    indicators.deallocate()
    indicatorGuards.deallocate()
    guardInputs.deallocate()
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
  @inline(__always)
  func decide(_ programme: Int, inScope: Bool, _ frame: FastFrame) -> ProgrammeKernel.Verdict {
    let plain = programmes[programme]
    let conditions = UnsafePointer(conditions.baseAddress.unsafelyUnwrapped) + plain.conditions
    return ProgrammeKernel.decide(
      order: UnsafeBufferPointer(rebasing: orders[plain.order..<plain.order + plain.orderCount]),
      eligibilityCount: plain.eligibilityCount, hasPriority: plain.priority != nil,
      inScope: inScope, score: frame.score,
      condition: { k in
        let (value, status) = frame.evaluate(conditions[k])
        return (value != 0, ValueStatus(rawValue: status) ?? .error)
      },
      priority: {
        guard let priority = plain.priority else { return (0, .error) }
        let (value, status) = frame.evaluate(priority)
        return (
          Double(bitPattern: UInt64(bitPattern: value)), ValueStatus(rawValue: status) ?? .error
        )
      })
  }
}
