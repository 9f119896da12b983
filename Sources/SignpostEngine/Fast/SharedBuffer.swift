/// A fixed-size array that parallel workers fill, each writing only its own elements, and
/// that becomes a plain array afterwards without being copied.
///
/// It is `@unchecked Sendable` because that discipline — disjoint writes, reads only of
/// elements finished before the current parallel step began — is the caller's contract.
final class SharedBuffer<Element>: @unchecked Sendable {
  /// The elements; the buffer holds the only reference until ``array`` shares it.
  private var storage: [Element]
  /// The storage's elements. The array is never resized or assigned, so they stay where
  /// they are for the buffer's life.
  let pointer: UnsafeMutableBufferPointer<Element>

  init(repeating value: Element, count: Int) {
    var elements = [Element](repeating: value, count: count)
    pointer = elements.withUnsafeMutableBufferPointer { $0 }
    storage = elements
  }

  /// Room for `count` plain values, none written: each must be written before it is read.
  /// Nothing clears the memory first, so the workers that write it are the first to touch
  /// its pages, in parallel, instead of one thread clearing them all.
  init(unwrittenCount count: Int) where Element: BitwiseCopyable {
    var elements = [Element](unsafeUninitializedCapacity: count) { _, written in written = count }
    pointer = elements.withUnsafeMutableBufferPointer { $0 }
    storage = elements
  }

  @inline(__always) subscript(index: Int) -> Element {
    get { pointer[index] }
    set { pointer[index] = newValue }
  }

  /// The contents as an array, sharing the storage (call it once the workers are done).
  var array: [Element] { storage }
}
