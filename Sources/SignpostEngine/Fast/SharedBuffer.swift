/// A fixed-size buffer that parallel workers fill, each writing only its own elements.
///
/// It is `@unchecked Sendable` because that discipline — disjoint writes, reads only of
/// elements finished before the current parallel step began — is the caller's contract.
final class SharedBuffer<Element>: @unchecked Sendable {
  let pointer: UnsafeMutableBufferPointer<Element>

  init(repeating value: Element, count: Int) {
    pointer = .allocate(capacity: count)
    pointer.initialize(repeating: value)
  }

  init(_ array: [Element]) {
    pointer = .allocate(capacity: array.count)
    _ = pointer.initialize(from: array)
  }

  deinit {
    pointer.deinitialize()
    pointer.deallocate()
  }

  @inline(__always) subscript(index: Int) -> Element {
    get { pointer[index] }
    set { pointer[index] = newValue }
  }

  /// The contents as an array.
  var array: [Element] { Array(pointer) }
}
