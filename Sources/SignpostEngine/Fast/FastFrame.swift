/// The working state of one worker thread of the fast evaluator: the person being
/// evaluated, the status of the value last computed, comprehension variables, and scratch
/// lists reused from person to person, all in memory the frame owns, so that the hot loop
/// neither allocates nor counts references nor checks exclusive access.
final class FastFrame {
  /// The status of the value just computed: `ok`, or why it has no value. When both sides of
  /// an operation are abnormal, unknown wins over error, as CEL's `&&` and strict calls do.
  static let ok: UInt8 = 0
  static let error: UInt8 = 1
  static let unknown: UInt8 = 2

  private struct State {
    var person = 0
    var flag: UInt8 = 0
  }

  /// A growable list of row numbers or person indices.
  private struct ScratchList {
    var base: UnsafeMutablePointer<Int>?
    var count = 0
    var capacity = 0
  }

  private let state: UnsafeMutablePointer<State>
  private let lists: UnsafeMutablePointer<ScratchList>
  private let slotCount: Int
  /// Comprehension variables by slot: an event row or a linked person's index.
  let locals: UnsafeMutablePointer<Int>
  /// The outcome matrix being filled, shared by all workers (each writes its own rows).
  let outcomes: UnsafeMutableBufferPointer<UInt8>
  let indicatorCount: Int

  init(slots: Int, outcomes: UnsafeMutableBufferPointer<UInt8>, indicatorCount: Int) {
    slotCount = slots
    state = .allocate(capacity: 1)
    state.initialize(to: State())
    lists = .allocate(capacity: max(1, slots))
    lists.initialize(repeating: ScratchList(), count: max(1, slots))
    locals = .allocate(capacity: max(1, slots))
    locals.initialize(repeating: 0, count: max(1, slots))
    self.outcomes = outcomes
    self.indicatorCount = indicatorCount
  }

  deinit {
    for slot in 0..<max(1, slotCount) { lists[slot].base?.deallocate() }
    lists.deallocate()
    locals.deallocate()
    state.deallocate()
  }

  var person: Int {
    @inline(__always) get { state.pointee.person }
    @inline(__always) set { state.pointee.person = newValue }
  }

  var flag: UInt8 {
    @inline(__always) get { state.pointee.flag }
    @inline(__always) set { state.pointee.flag = newValue }
  }

  /// In programme conditions (a pass of their own, after the indicators): the person's score
  /// and band index.
  var score: Int64 = 0
  var band = 0

  // MARK: Scratch lists

  /// The elements of a scratch list; valid until the same list is changed.
  @inline(__always) func elements(_ key: Int) -> UnsafeMutableBufferPointer<Int> {
    UnsafeMutableBufferPointer(start: lists[key].base, count: lists[key].count)
  }

  /// Empties a scratch list and fills it with `count` elements from `element(i)`.
  @inline(__always) func fill(_ key: Int, count: Int, _ element: (Int) -> Int) {
    if lists[key].capacity < count {
      lists[key].base?.deallocate()
      let capacity = max(count, 2 * lists[key].capacity, 16)
      lists[key].base = .allocate(capacity: capacity)
      lists[key].capacity = capacity
    }
    guard let base = lists[key].base else {
      lists[key].count = 0
      return
    }
    for i in 0..<count { base[i] = element(i) }
    lists[key].count = count
  }

  /// Keeps the first `count` elements of a scratch list.
  @inline(__always) func truncate(_ key: Int, to count: Int) {
    lists[key].count = count
  }

  /// Combines the status of two operands.
  @inline(__always) static func combine(_ a: UInt8, _ b: UInt8) -> UInt8 { max(a, b) }
}
