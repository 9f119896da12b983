/// The working state of one worker thread of the fast evaluator: the person being evaluated,
/// the plan's registers, comprehension variables and scratch lists reused from person to
/// person, all in memory the frame owns, so that the machine neither allocates nor counts
/// references nor checks exclusive access.
final class FastFrame {
  /// A register's status: `ok`, or why it has no value. When both operands of an operation
  /// are abnormal, unknown wins over error, as CEL's `&&` and strict calls do.
  static let ok: UInt8 = 0
  static let error: UInt8 = 1
  static let unknown: UInt8 = 2

  /// A growable list of row numbers or person indices.
  struct ScratchList {
    var base: UnsafeMutablePointer<Int>?
    var count = 0
    var capacity = 0
  }

  /// The plan being run.
  let machine: FastMachine
  /// Register values, and each register's status.
  let values: UnsafeMutablePointer<Int64>
  let status: UnsafeMutablePointer<UInt8>
  /// Comprehension variables by slot: an event row or a linked person's index.
  let locals: UnsafeMutablePointer<Int>
  let lists: UnsafeMutablePointer<ScratchList>
  private let registerCount: Int
  private let slotCount: Int
  /// The outcome matrix being filled, shared by all workers (each writes its own rows).
  let outcomes: UnsafeMutableBufferPointer<UInt8>
  let indicatorCount: Int
  /// By age guard, then age: what the frame has learned of the guarded condition
  /// (``FastAgeGuard/Memo``).
  let ageMemo: UnsafeMutablePointer<FastAgeGuard.Memo>

  private struct State {
    var person = 0
    var score: Int64 = 0
    var band = 0
  }

  /// In memory of its own, so that reading it checks no exclusive access.
  private let state: UnsafeMutablePointer<State>

  /// The person being evaluated.
  var person: Int {
    @inline(__always) get { state.pointee.person }
    @inline(__always) set { state.pointee.person = newValue }
  }

  /// In programme conditions (a pass of their own, after the indicators): the person's score
  /// and band index.
  var score: Int64 {
    @inline(__always) get { state.pointee.score }
    @inline(__always) set { state.pointee.score = newValue }
  }

  var band: Int {
    @inline(__always) get { state.pointee.band }
    @inline(__always) set { state.pointee.band = newValue }
  }

  init(machine: FastMachine, outcomes: UnsafeMutableBufferPointer<UInt8>, indicatorCount: Int) {
    self.machine = machine
    state = .allocate(capacity: 1)
    state.initialize(to: State())
    registerCount = max(1, machine.registerCount)
    slotCount = max(1, machine.slotCount)
    values = .allocate(capacity: registerCount)
    values.initialize(repeating: 0, count: registerCount)
    status = .allocate(capacity: registerCount)
    status.initialize(repeating: 0, count: registerCount)
    for k in 0..<machine.literalCount {
      values[Int(machine.literals[k].register)] = machine.literals[k].value
    }
    locals = .allocate(capacity: slotCount)
    locals.initialize(repeating: 0, count: slotCount)
    lists = .allocate(capacity: slotCount)
    lists.initialize(repeating: ScratchList(), count: slotCount)
    self.outcomes = outcomes
    self.indicatorCount = indicatorCount
    let memoCount = max(1, machine.ageGuardCount * FastAgeGuard.ages)
    ageMemo = .allocate(capacity: memoCount)
    ageMemo.initialize(repeating: .unset, count: memoCount)
  }

  deinit {
    for slot in 0..<slotCount { lists[slot].base?.deallocate() }
    lists.deallocate()
    ageMemo.deallocate()
    locals.deallocate()
    status.deallocate()
    values.deallocate()
    state.deallocate()
  }

  // MARK: Scratch lists

  /// The elements of a scratch list; valid until the same list is changed.
  @inline(__always) func elements(_ key: Int) -> UnsafeMutableBufferPointer<Int> {
    UnsafeMutableBufferPointer(start: lists[key].base, count: lists[key].count)
  }

  /// Appends an element to a scratch list.
  @inline(__always) func append(_ key: Int, _ element: Int) {
    if lists[key].count == lists[key].capacity { grow(key) }
    lists[key].base.unsafelyUnwrapped[lists[key].count] = element
    lists[key].count += 1
  }

  private func grow(_ key: Int) {
    let capacity = max(16, 2 * lists[key].capacity)
    let base = UnsafeMutablePointer<Int>.allocate(capacity: capacity)
    if let old = lists[key].base {
      base.update(from: old, count: lists[key].count)
      old.deallocate()
    }
    lists[key].base = base
    lists[key].capacity = capacity
  }
}
