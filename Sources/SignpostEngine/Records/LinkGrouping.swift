import Dispatch
import Foundation

/// Groups a population's links by the person they start at, orders each person's links by
/// relation and then by the linked person's id, and drops repeats — on every core.
///
/// The persons are split into one contiguous range per core; each core counts, places (a
/// counting sort by person index, which is dense), sorts and deduplicates the links starting
/// in its own range, so no two cores write the same memory, and the ranges' kept links are
/// then moved together. A core reads every link to find its own, which is cheap beside the
/// scattered writes it saves the other cores.
enum LinkGrouping {
  /// Links (in any order, repeats allowed) that each start at a person in `from`: a links
  /// file's chunk, whose links start at the persons of its rows and those beside them.
  struct Part: Sendable {
    var links: [PersonLink]
    var from: ClosedRange<Int>
  }

  /// Groups `links` (about to be dropped: the links of every part, in any order) by person;
  /// returns the grouped links and where each person's start (with the end at `persons`).
  ///
  /// Linked ids are compared by their bytes when every id is ASCII (the same order as
  /// comparing them as `String`s), and as `String`s otherwise; when the ids, so compared, are
  /// already in person order (a people file sorted by id), by their person indices.
  static func group(
    _ links: [Part], persons count: Int, index: PersonIndex, ids: [String]
  ) -> (links: [PersonLink], offsets: [Int]) {
    let total = links.reduce(0) { $0 + $1.links.count }
    var offsets = [Int](repeating: 0, count: count + 1)
    guard total > 0 else { return ([], offsets) }
    // A few persons (one referral's) are grouped on the calling thread.
    let parts = count <= Parallel.smallCount ? 1 : min(count, max(1, ProcessInfo.activeCores))
    let size = (count + parts - 1) / parts
    let ranges = (0..<parts).map { min(count, $0 * size)..<min(count, ($0 + 1) * size) }
    var grouped = [PersonLink](unsafeUninitializedCapacity: total) { _, written in
      written = total
    }
    let byteOrder = index.idsAreASCII
    let kept = offsets.withUnsafeMutableBufferPointer { offsets in
      grouped.withUnsafeMutableBufferPointer { grouped in
        index.withIDBytes { bytes, starts in
          let order = LinkOrder(bytes: bytes, starts: starts, ids: ids, byteOrder: byteOrder)
          return place(links, into: grouped, offsets: offsets, ranges: ranges, order: order)
        }
      }
    }
    grouped.removeLast(total - kept)
    return (grouped, offsets)
  }

  /// Counts, places, sorts and deduplicates each range's links on its own core, then moves
  /// the ranges' kept links together; returns how many links are kept. `offsets` ends as
  /// each person's start in `grouped` (and the end at the last index).
  private static func place(
    _ links: [Part],
    into grouped: UnsafeMutableBufferPointer<PersonLink>,
    offsets: UnsafeMutableBufferPointer<Int>, ranges: [Range<Int>], order: LinkOrder
  ) -> Int {
    nonisolated(unsafe) let grouped = grouped
    nonisolated(unsafe) let offsets = offsets
    // Each range's links, counted per person into `offsets` (ranges write disjoint entries),
    // and whether its persons' ids are in order (each with the next range's first).
    let totals = SharedBuffer<Int>(repeating: 0, count: ranges.count)
    let inOrder = SharedBuffer<Bool>(repeating: false, count: ranges.count)
    DispatchQueue.concurrentPerform(iterations: ranges.count) { part in
      let range = ranges[part]
      inOrder[part] = order.idsAscend(range.lowerBound..<min(range.upperBound + 1, order.count))
      forEachLink(of: links, from: range, reversed: false) { offsets[$0.from] += 1 }
      var running = 0
      for p in range {
        running += offsets[p]
        offsets[p] = running
      }
      totals[part] = running
    }
    // Where each range's links start: the links of the ranges before it.
    let bases = ranges.indices.map { part in (0..<part).reduce(0) { $0 + totals[$1] } }
    let order = order.comparingIndices(inOrder.array.allSatisfy { $0 })
    let kept = SharedBuffer<Int>(repeating: 0, count: ranges.count)
    DispatchQueue.concurrentPerform(iterations: ranges.count) { part in
      let range = ranges[part]
      let base = bases[part]
      for p in range { offsets[p] += base }
      // Backwards, so that each entry ends as the start of its person's links.
      forEachLink(of: links, from: range, reversed: true) { link in
        offsets[link.from] -= 1
        grouped[offsets[link.from]] = link
      }
      var next = base
      for p in range {
        let start = offsets[p]
        let end = p + 1 < range.upperBound ? offsets[p + 1] : base + totals[part]
        offsets[p] = next
        guard start < end else { continue }
        order.sort(grouped, start..<end)
        for i in start..<end where next == offsets[p] || grouped[next - 1] != grouped[i] {
          grouped[next] = grouped[i]
          next += 1
        }
      }
      kept[part] = next - base
    }
    // The ranges' kept links moved together, their offsets with them.
    var end = 0
    for (part, range) in ranges.enumerated() {
      let shift = bases[part] - end
      if shift > 0, let start = grouped.baseAddress {
        (start + end).update(from: start + bases[part], count: kept[part])
        for p in range { offsets[p] -= shift }
      }
      end += kept[part]
    }
    offsets[offsets.count - 1] = end
    return end
  }
}

extension LinkGrouping {
  /// Calls `body` with each link of `parts` that starts at a person in `range`, in the parts'
  /// order or `reversed`: a part whose persons lie outside the range is not read, and one
  /// wholly inside it has no link tested.
  @inline(__always)
  fileprivate static func forEachLink(
    of parts: [Part], from range: Range<Int>, reversed: Bool, _ body: (PersonLink) -> Void
  ) {
    for i in parts.indices {
      let part = parts[reversed ? parts.count - 1 - i : i]
      guard part.from.lowerBound < range.upperBound, part.from.upperBound >= range.lowerBound
      else { continue }
      let inside = range.contains(part.from.lowerBound) && range.contains(part.from.upperBound)
      part.links.withUnsafeBufferPointer { links in
        for j in links.indices {
          let link = links[reversed ? links.count - 1 - j : j]
          if inside || range.contains(link.from) { body(link) }
        }
      }
    }
  }
}

/// The order of one person's links: by relation, then by the linked person's id.
private struct LinkOrder: @unchecked Sendable {
  let bytes: UnsafeBufferPointer<UInt8>
  let starts: UnsafeBufferPointer<Int>
  let ids: [String]
  /// Whether ids compare by their bytes (all are ASCII), not as `String`s.
  let byteOrder: Bool
  /// Whether ids compare as their person indices: they are ASCII and ascend with them.
  private var byIndex = false

  init(
    bytes: UnsafeBufferPointer<UInt8>, starts: UnsafeBufferPointer<Int>, ids: [String],
    byteOrder: Bool
  ) {
    self.bytes = bytes
    self.starts = starts
    self.ids = ids
    self.byteOrder = byteOrder
  }

  /// This order, comparing ids as their person indices when `ascending` (the ids ascend
  /// byte by byte with them, ``idsAscend(_:)``) and they are ASCII.
  func comparingIndices(_ ascending: Bool) -> LinkOrder {
    var order = self
    order.byIndex = byteOrder && ascending
    return order
  }

  /// How many persons there are.
  var count: Int { starts.count - 1 }

  func less(_ a: PersonLink, _ b: PersonLink) -> Bool {
    if a.relation != b.relation { return a.relation < b.relation }
    if byIndex { return a.to < b.to }
    guard byteOrder else { return ids[a.to] < ids[b.to] }
    return bytesLess(a.to, b.to)
  }

  /// Whether person `a`'s id comes before `b`'s byte by byte.
  private func bytesLess(_ a: Int, _ b: Int) -> Bool {
    let (aStart, aEnd) = (starts[a], starts[a + 1])
    let (bStart, bEnd) = (starts[b], starts[b + 1])
    let common = min(aEnd - aStart, bEnd - bStart)
    if common > 0, let base = bytes.baseAddress {
      let compared = memcmp(base + aStart, base + bStart, common)
      if compared != 0 { return compared < 0 }
    }
    return aEnd - aStart < bEnd - bStart
  }

  /// Whether the ids of the persons in `range` ascend byte by byte.
  func idsAscend(_ range: Range<Int>) -> Bool {
    guard byteOrder else { return false }
    for p in range.dropFirst() where !bytesLess(p - 1, p) { return false }
    return true
  }

  /// Sorts `links[range]` in place: by insertion for the few links most persons have.
  func sort(_ links: UnsafeMutableBufferPointer<PersonLink>, _ range: Range<Int>) {
    guard range.count > 1 else { return }
    guard range.count <= 16 else {
      var part = UnsafeMutableBufferPointer(rebasing: links[range])
      part.sort(by: less)
      return
    }
    for i in range.lowerBound + 1..<range.upperBound {
      let link = links[i]
      var j = i
      while j > range.lowerBound, less(link, links[j - 1]) {
        links[j] = links[j - 1]
        j -= 1
      }
      links[j] = link
    }
  }
}
