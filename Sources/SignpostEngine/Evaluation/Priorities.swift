/// The ranking values of eligible decisions by slot (`person * programmeCount + programme`),
/// in slot order. Every other decision's priority is 0, so only eligible ones are kept: a few
/// in a hundred slots, where a full column would take eight bytes a slot.
public struct Priorities: Sendable, Equatable {
  /// Ascending.
  let slots: [Int]
  let values: [Double]

  /// The priority at a slot: 0 where none was kept.
  public subscript(slot: Int) -> Double {
    var low = 0
    var high = slots.count
    while low < high {
      let middle = (low + high) / 2
      if slots[middle] < slot { low = middle + 1 } else { high = middle }
    }
    return low < slots.count && slots[low] == slot ? values[low] : 0
  }
}
