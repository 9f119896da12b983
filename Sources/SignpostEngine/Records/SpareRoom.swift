import Foundation

#if canImport(Glibc)
  import Glibc
#endif

extension Array {
  /// The address range of the room reserved past the elements (`capacity - count` of them),
  /// for ``SpareRoom/fault(_:)``; never read or written through.
  var spareRoom: UnsafeRawBufferPointer {
    withUnsafeBufferPointer { elements in
      guard let base = elements.baseAddress, capacity > count else {
        return UnsafeRawBufferPointer(start: nil, count: 0)
      }
      return UnsafeRawBufferPointer(
        start: base + count, count: (capacity - count) * MemoryLayout<Element>.stride)
    }
  }
}

/// Faults in, on a thread of its own, reserved memory that the calling thread is about to
/// fill, so that its first-touch page faults (the kernel's zeroing of each fresh page) run
/// beside the fill instead of inside it.
///
/// Linux's `MADV_POPULATE_WRITE` maps the pages writable without changing a byte, so it is
/// safe beside the owner's own writes, and harmless when the owner has already let the room
/// go (the call then fails, or maps pages some later allocation would have faulted in).
/// Elsewhere it does nothing.
enum SpareRoom {
  /// Starts faulting in `ranges` (``Swift/Array/spareRoom``) on a new thread and returns at
  /// once.
  static func fault(_ ranges: [UnsafeRawBufferPointer]) {
    let pages = wholePages(ranges)
    guard !pages.isEmpty else { return }
    Thread { _ = populate(pages: pages) }.start()
  }

  /// Faults in the whole pages of `ranges` on the calling thread; returns how many bytes the
  /// kernel populated (0 where it cannot).
  @discardableResult
  static func populate(_ ranges: [UnsafeRawBufferPointer]) -> Int {
    populate(pages: wholePages(ranges))
  }

  private static func populate(pages: [Range<Int>]) -> Int {
    var populated = 0
    #if os(Linux)
      for range in pages.flatMap(pieces)
      where madvise(
        UnsafeMutableRawPointer(bitPattern: range.lowerBound), range.count, populateWrite)
        == 0
      {
        populated += range.count
      }
    #endif
    return populated
  }

  /// Bytes faulted in by one call. The kernel holds the process's address-space lock for a
  /// call's whole range, and any thread that maps memory meanwhile (malloc growing a heap
  /// with `mprotect` or `mmap`) waits for it: 32 MB at once held the merge thread up to
  /// 4 ms a time, about 100 ms a read at 1M people.
  static let piece = 1 << 20

  /// A range of whole pages cut into consecutive pieces of at most ``piece`` bytes.
  static func pieces(_ pages: Range<Int>) -> [Range<Int>] {
    stride(from: pages.lowerBound, to: pages.upperBound, by: piece).map {
      $0..<min($0 + piece, pages.upperBound)
    }
  }

  /// The addresses of the whole pages inside each range: a page a range shares with the
  /// elements before it is resident already.
  private static func wholePages(_ ranges: [UnsafeRawBufferPointer]) -> [Range<Int>] {
    let page = MappedFile.pageSize
    return ranges.compactMap { range in
      guard let base = range.baseAddress else { return nil }
      let start = (Int(bitPattern: base) + page - 1) / page * page
      let end = (Int(bitPattern: base) + range.count) / page * page
      return end > start ? start..<end : nil
    }
  }

  /// `MADV_POPULATE_WRITE` (Linux 5.14), which Glibc declares only for `_GNU_SOURCE`.
  private static let populateWrite: Int32 = 23
}
