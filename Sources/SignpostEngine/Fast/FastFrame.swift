/// The working state of one worker thread of the fast evaluator: the person being
/// evaluated, the status of the value last computed, comprehension variables, and scratch
/// space reused from person to person so that the hot loop allocates nothing.
final class FastFrame {
  /// The status of the value just computed: `ok`, or why it has no value. When both sides of
  /// an operation are abnormal, unknown wins over error, as CEL's `&&` and strict calls do.
  static let ok: UInt8 = 0
  static let error: UInt8 = 1
  static let unknown: UInt8 = 2

  var person = 0
  var flag: UInt8 = 0
  /// Comprehension variables by slot: an event row or a linked person's index.
  var locals: [Int]
  /// Elements of materialised lists, by the slot of the comprehension that filtered them.
  var scratch: [[Int]]
  /// The relation of each linked-person variable, by slot.
  var relations: [Int]
  /// In programme conditions: the person's score and band index.
  var score: Int64 = 0
  var band = 0
  /// The outcome matrix being filled, shared by all workers (each writes its own rows).
  let outcomes: UnsafeMutableBufferPointer<UInt8>
  let indicatorCount: Int

  init(slots: Int, outcomes: UnsafeMutableBufferPointer<UInt8>, indicatorCount: Int) {
    locals = [Int](repeating: 0, count: slots)
    scratch = [[Int]](repeating: [], count: slots)
    relations = [Int](repeating: 0, count: slots)
    self.outcomes = outcomes
    self.indicatorCount = indicatorCount
  }

  /// Combines the status of two operands.
  @inline(__always) static func combine(_ a: UInt8, _ b: UInt8) -> UInt8 { max(a, b) }
}
