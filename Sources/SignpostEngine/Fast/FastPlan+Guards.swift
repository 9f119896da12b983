extension FastPlan {
  /// A guard bit every person has: a program guarded by it always runs.
  static let alwaysRun: UInt64 = 1 << 63

  /// The person's lists that alone decide a program, if it reads nothing else of the person.
  ///
  /// A program that reads of the person only their event or linked-person lists (the
  /// elements' fields are read inside its loops) takes the same steps, and comes to the same
  /// value, for everyone whose lists are all empty: its loops run no step. Returns those
  /// lists' offsets (an unsupplied list is the same for everyone and needs none), or `nil`
  /// when the program reads a field, the age, an indicator or the score of the person, or
  /// calls the CEL runtime.
  static func decidingLists(_ program: [FastInstruction], lists: [FastListRef])
    -> [UnsafePointer<Int>]?
  {
    var deciding: [UnsafePointer<Int>] = []
    for instruction in program {
      switch instruction.op {
      case .loadBool, .loadInt, .loadDouble, .loadDate, .loadCode, .present, .stringIn, .outcome:
        if instruction.b == FastRow.person { return nil }
      case .age, .score, .band, .generic:
        return nil
      case .iterate, .count:
        let list = lists[Int(instruction.a)]
        if list.scratch < 0, list.row == FastRow.person, let offsets = list.offsets,
          !deciding.contains(offsets)
        {
          deciding.append(offsets)
        }
      default:
        break
      }
    }
    return deciding
  }

  /// The guard bits of the lists a person has elements in, and ``alwaysRun``.
  @inline(__always) func nonEmptyLists(_ person: Int) -> UInt64 {
    var mask = Self.alwaysRun
    for (bit, offsets) in guardOffsets.enumerated() where offsets[person] != offsets[person + 1] {
      mask |= 1 << UInt64(bit)
    }
    return mask
  }
}
