import Foundation

extension Parallel {
  /// The ranges ``mapRanges(count:_:)`` splits `0..<count` into: the same for the same count.
  static func ranges(count: Int) -> [Range<Int>] {
    guard count > 0 else { return [] }
    let parts = min(count, max(1, ProcessInfo.activeCores * 4))
    let size = (count + parts - 1) / parts
    return stride(from: 0, to: count, by: size).map { $0..<min(count, $0 + size) }
  }

  /// Runs `body` on each of ``ranges(count:)`` over all cores, with the range's position;
  /// the results in range order.
  @discardableResult
  static func mapRanges<T>(count: Int, _ body: @Sendable (Int, Range<Int>) -> T) -> [T] {
    let ranges = ranges(count: count)
    let results = SharedBuffer<T?>(repeating: nil, count: ranges.count)
    DispatchQueue.concurrentPerform(iterations: ranges.count) { part in
      results[part] = body(part, ranges[part])
    }
    return results.array.compactMap { $0 }
  }
}
