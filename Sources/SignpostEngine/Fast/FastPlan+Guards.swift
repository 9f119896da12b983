extension FastPlan {
  /// A guard bit every person has: a program guarded by it always runs.
  static let alwaysRun: UInt64 = 1 << 63

  /// What of the person a program may read and still be decided without running: a list of
  /// theirs (events or linked persons), or one of their fields.
  enum Input: Equatable {
    case list(FastListRef)
    case field(FastColumnRef)

    static func == (a: Input, b: Input) -> Bool {
      switch (a, b) {
      case (.list(let x), .list(let y)):
        x.offsets == y.offsets && x.links == y.links && x.relation == y.relation
      case (.field(let x), .field(let y)): x.values == y.values
      default: false
      }
    }

    /// Whether the person has something in it: an element, or a value.
    @inline(__always) func isFilled(_ person: Int) -> Bool {
      switch self {
      case .list(let list): !list.positions(of: person).isEmpty
      case .field(let column): column.hasValue(at: person)
      }
    }
  }

  /// The inputs that alone decide a program, if it reads nothing else of the person.
  ///
  /// A program that reads of the person only some of their lists (the elements' fields are
  /// read inside its loops) and some of their fields takes the same steps, and comes to the
  /// same value, for everyone whose lists are all empty and fields all missing: its loops run
  /// no step and every field read is the same unknown. An indicator of the person it reads
  /// is such a value too when that indicator's own inputs are among its inputs
  /// (`indicatorInputs`, `nil` for an indicator that has none). Returns those inputs (an
  /// unsupplied list or field is the same for everyone and needs none), or `nil` when the
  /// program reads the age or the score of the person, an indicator without deciding
  /// inputs, or calls the CEL runtime.
  static func decidingInputs(
    _ program: [FastInstruction], lists: [FastListRef], columns: [FastColumnRef],
    indicatorInputs: (Int) -> [Input]?
  ) -> [Input]? {
    var inputs: [Input] = []
    func add(_ input: Input) { if !inputs.contains(input) { inputs.append(input) } }
    for instruction in program {
      switch instruction.op {
      case .loadBool, .loadInt, .loadDouble, .loadDate, .loadCode, .present, .stringIn,
        .loadCompareInt, .loadCompareDouble:
        if instruction.b == FastRow.person { add(.field(columns[Int(instruction.a)])) }
      case .outcome, .outcomeLogical:
        if instruction.b == FastRow.person {
          let indicators =
            instruction.op == .outcome ? [instruction.a] : [instruction.a, instruction.c]
          for indicator in indicators {
            guard let read = indicatorInputs(Int(indicator)) else { return nil }
            read.forEach(add)
          }
        }
      case .age, .score, .band, .generic:
        return nil
      case .iterate, .count, .countOutcomes:
        let list = lists[Int(instruction.a)]
        if list.scratch < 0, list.row == FastRow.person, list.offsets != nil {
          add(.list(list))
        }
      default:
        break
      }
    }
    return inputs
  }

  /// For each person of `range`, at `masks[person - range.lowerBound]`: the guard bits among
  /// `bits` of the inputs the person has something in, and ``alwaysRun``. One input at a
  /// time over the range, so each pass reads one column or list in order; the relations of
  /// linked persons in one pass over each person's links.
  func filledInputs(
    _ range: Range<Int>, among bits: UInt64, into masks: UnsafeMutablePointer<UInt64>
  ) {
    let first = range.lowerBound
    masks.initialize(repeating: Self.alwaysRun, count: range.count)
    var left = bits & ~Self.alwaysRun
    var relations: [(relation: Int, flag: UInt64)] = []
    var links: FastListRef?
    while left != 0 {
      let bit = left.trailingZeroBitCount
      left &= left - 1
      let flag: UInt64 = 1 << UInt64(bit)
      switch guardInputs[bit] {
      case .list(let list) where list.links == nil:
        let offsets = list.offsets.unsafelyUnwrapped
        for p in range where offsets[p] != offsets[p + 1] { masks[p - first] |= flag }
      case .list(let list)
      where list.relation < 64
        && (links.map { $0.offsets == list.offsets && $0.links == list.links } ?? true):
        links = list
        relations.append((list.relation, flag))
      case let input:
        for p in range where input.isFilled(p) { masks[p - first] |= flag }
      }
    }
    guard let links, let targets = links.links, let offsets = links.offsets else { return }
    for p in range {
      var present: UInt64 = 0
      for q in Int(offsets[p])..<Int(offsets[p + 1]) where targets[q].relation < 64 {
        present |= 1 << UInt64(targets[q].relation)
      }
      guard present != 0 else { continue }
      for (relation, flag) in relations where present & (1 << UInt64(relation)) != 0 {
        masks[p - first] |= flag
      }
    }
  }
}
