import SignpostRules

/// Where a column the plan reads comes from in a population: a person field, or a field of
/// an event list, by index.
enum FastColumnSource: Hashable {
  case person(field: Int)
  case event(list: Int, field: Int)
}

/// What a list the plan iterates is: a person's events of a list, their links, or one of the
/// frame's scratch lists.
enum FastListSource {
  case events(list: Int)
  case links
  case scratch
}

extension FastPlan {
  /// Points the plan's column and list tables at the population its context now points at
  /// (``FastContext/repoint(to:asOf:)``), which has the shape the plan was compiled for: the
  /// same columns and event lists unsupplied. Frames made afterwards read that population,
  /// their ages from ``machine(ages:)``.
  func repoint(to context: FastContext) {
    let population = context.population
    for (index, source) in columnSources.enumerated() {
      switch source {
      case .person(let field):
        columns[index] = FastCompiler.reference(population.fields[field])
      case .event(let list, let field):
        guard let table = population.events[list] else {
          preconditionFailure("a plan is re-pointed only at a population of its shape")
        }
        columns[index] = FastCompiler.reference(table.columns[field])
      }
    }
    for (index, source) in listSources.enumerated() {
      switch source {
      case .events(let list): lists[index].offsets = context.eventOffsets[list]
      case .links:
        lists[index].offsets = context.linkOffsets
        lists[index].links = context.links
      case .scratch: break
      }
    }
  }

  /// The plan's machine reading ages from `ages` (a re-pointed context's).
  func machine(ages: SharedBuffer<Int32>) -> FastMachine {
    FastMachine(
      code: machine.code, entries: machine.entries, columns: machine.columns,
      lists: machine.lists, bits: machine.bits, strings: machine.strings,
      closures: machine.closures, ages: UnsafePointer(ages.pointer.baseAddress.unsafelyUnwrapped),
      now: machine.now, literals: machine.literals, literalCount: machine.literalCount,
      registerCount: machine.registerCount, slotCount: machine.slotCount,
      ageGuards: machine.ageGuards, ageConjuncts: machine.ageConjuncts,
      ageGuardCount: machine.ageGuardCount)
  }
}
