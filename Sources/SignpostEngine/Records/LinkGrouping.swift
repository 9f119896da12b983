import Dispatch
import Foundation

/// Groups a population's links by the person they start at, orders each person's links by
/// relation and then by the linked person's id, and drops repeats — on every core.
///
/// The persons are split into one contiguous range per core; each range is one task that
/// counts, places (a counting sort by person index, which is dense), sorts and deduplicates
/// the links starting in it, in its own stretch of the result, so no two tasks write the same
/// memory or wait for each other; the ranges' kept links are then moved together. A range
/// reads only the parts that reach its persons.
enum LinkGrouping {
  /// Links (in any order, repeats allowed) that each start at a person in `from`: a links
  /// file's chunk, whose links start at the persons of its rows and those beside them.
  /// A link marked ``PersonLink/addingReverse`` stands for itself and its reverse, both
  /// starting in `from`.
  struct Part: Sendable {
    var links: [PersonLink]
    var from: ClosedRange<Int>

    /// Whether some of the persons the links start at may be in `range`.
    func reaches(_ range: Range<Int>) -> Bool {
      from.lowerBound < range.upperBound && from.upperBound >= range.lowerBound
    }

    /// How many links the part stands for: each marked link with its reverse.
    var linkCount: Int { links.reduce(links.count) { $1.addsReverse ? $0 + 1 : $0 } }
  }

  /// Groups `links` (about to be dropped: the links of every part, in any order) by person;
  /// returns the grouped links and where each person's start (with the end at `persons`).
  /// The persons are split into `ranges` ranges (by default one per core), each grouped as a
  /// task of one `concurrentPerform` that also runs `task(0..<alongside)` (the event lists),
  /// the ranges first: no core waits for the other's last range while work is left. A few
  /// persons (one referral's) are grouped, and the tasks run, on the calling thread.
  ///
  /// Linked ids are compared by their bytes when every id is ASCII (the same order as
  /// comparing them as `String`s), and as `String`s otherwise; when the ids, so compared, are
  /// already in person order (a people file sorted by id), by their person indices.
  static func group(
    _ links: [Part], persons count: Int, index: PersonIndex, ids: [String],
    ranges requested: Int? = nil,
    alongside: Int = 0, _ task: @escaping @Sendable (Int) -> Void = { _ in }
  ) -> (links: [PersonLink], offsets: [Int32]) {
    let total = links.reduce(0) { $0 + $1.links.count }
    let serial = count <= Parallel.smallCount
    let parts =
      total == 0 ? 0 : requested ?? (serial ? 1 : min(count, max(1, ProcessInfo.activeCores)))
    let size = parts == 0 ? 0 : (count + parts - 1) / parts
    let ranges = (0..<parts).map { min(count, $0 * size)..<min(count, ($0 + 1) * size) }
    // Room for the most links that can start in each range: the links of the parts that reach
    // it (a part reaching two ranges counts in both), each marked link perhaps with its
    // reverse. Only what is written is touched.
    let capacity = ranges.reduce(0) { room, range in
      links.reduce(room) { $1.reaches(range) ? $0 + 2 * $1.links.count : $0 }
    }
    let progress = RangeProgress(ranges: parts, parts: links.count)
    /// Where range `t`'s links are placed from: after the most links that can start in the
    /// ranges before it, each part's links counted (``Part/linkCount``) by the first task that
    /// needs them.
    let base: @Sendable (Int) -> Int = { t in
      ranges[..<t].reduce(0) { room, range in
        links.indices.reduce(room) { room, p in
          links[p].reaches(range) ? room + progress.linkCount(of: p) { links[p].linkCount } : room
        }
      }
    }
    var grouped = [PersonLink](unsafeUninitializedCapacity: capacity) { _, written in
      written = capacity
    }
    // Each range's entries are first written by its own task (the last, at the end).
    precondition(
      capacity <= Int(Int32.max), "more links than a population's link offsets can count")
    var offsets = [Int32](unsafeUninitializedCapacity: count + 1) { _, written in
      written = count + 1
    }
    let kept = SharedBuffer<Int>(repeating: 0, count: parts)
    let byteOrder = index.idsAreASCII
    grouped.withUnsafeMutableBufferPointer { grouped in
      offsets.withUnsafeMutableBufferPointer { offsets in
        index.withIDBytes { bytes, starts in
          let order = LinkOrder(bytes: bytes, starts: starts, ids: ids, byteOrder: byteOrder)
          nonisolated(unsafe) let grouped = grouped
          nonisolated(unsafe) let offsets = offsets
          /// Whether the ids of range `q`'s persons (and the next range's first) ascend,
          /// checked here unless another task has.
          let ascends: @Sendable (Int) -> Bool = { q in
            progress.ascends(q) {
              order.idsAscend(ranges[q].lowerBound..<min(ranges[q].upperBound + 1, count))
            }
          }
          let run: @Sendable (Int) -> Void = { t in
            guard t < parts else { return task(t - parts) }
            _ = ascends(t)
            kept[t] = place(links, from: ranges[t], at: base(t), into: grouped, offsets: offsets) {
              order.comparingIndices(ranges.indices.allSatisfy(ascends))
            }
            // The last range done moves the ranges' kept links together, their offsets with
            // them, while the other cores run the tasks beside.
            guard progress.finish() else { return }
            var end = 0
            for (part, range) in ranges.enumerated() {
              let from = base(part)
              let shift = from - end
              if shift > 0, let start = grouped.baseAddress {
                (start + end).update(from: start + from, count: kept[part])
                for p in range { offsets[p] -= Int32(shift) }
              }
              end += kept[part]
            }
            offsets[count] = Int32(end)
          }
          if serial {
            for t in 0..<parts + alongside { run(t) }
          } else {
            DispatchQueue.concurrentPerform(iterations: parts + alongside, execute: run)
          }
        }
        if parts == 0 { offsets.initialize(repeating: 0) }
      }
    }
    grouped.removeLast(capacity - Int(offsets[count]))
    return (grouped, offsets)
  }

  /// Counts and places the links that start in `range` into `grouped` from `base`, then
  /// sorts each person's by `order()` and deduplicates them; returns how many are kept.
  /// `offsets[range]` ends as each person's start.
  private static func place(
    _ links: [Part], from range: Range<Int>, at base: Int,
    into grouped: UnsafeMutableBufferPointer<PersonLink>,
    offsets: UnsafeMutableBufferPointer<Int32>, order: () -> LinkOrder
  ) -> Int {
    guard let first = offsets.baseAddress else { return 0 }
    (first + range.lowerBound).initialize(repeating: 0, count: range.count)
    forEachLink(of: links, from: range, reversed: false) { offsets[$0.from] += 1 }
    // Each person's end, then (placing backwards) each person's start.
    var end = base
    for p in range {
      end += Int(offsets[p])
      offsets[p] = Int32(end)
    }
    forEachLink(of: links, from: range, reversed: true) { link in
      offsets[link.from] -= 1
      grouped[Int(offsets[link.from])] = link
    }
    let order = order()
    var next = base
    for p in range {
      let start = Int(offsets[p])
      let stop = p + 1 < range.upperBound ? Int(offsets[p + 1]) : end
      let firstKept = next
      offsets[p] = Int32(firstKept)
      guard start < stop else { continue }
      order.sort(grouped, start..<stop)
      for i in start..<stop where next == firstKept || grouped[next - 1] != grouped[i] {
        grouped[next] = grouped[i]
        next += 1
      }
    }
    return next - base
  }
}

/// What the range tasks of one grouping share: whether each range's ids ascend, and how
/// many links each part stands for, once a task has found out; and how many ranges are done.
private final class RangeProgress: @unchecked Sendable {
  private let lock = NSLock()
  private var ascend: [Bool?]
  private var linkCounts: [Int?]
  private var done = 0

  init(ranges: Int, parts: Int) {
    ascend = Array(repeating: nil, count: ranges)
    linkCounts = Array(repeating: nil, count: parts)
  }

  /// How many links part `p` stands for: as a task counted, else as `count` counts (two
  /// tasks may both count a part; they find the same).
  func linkCount(of p: Int, count: () -> Int) -> Int {
    if let known = lock.withLock({ linkCounts[p] }) { return known }
    let counted = count()
    lock.withLock { linkCounts[p] = counted }
    return counted
  }

  /// Whether range `r`'s ids ascend: as a task found, else as `check` finds (two tasks may
  /// both check a range; they find the same).
  func ascends(_ r: Int, check: () -> Bool) -> Bool {
    if let known = lock.withLock({ ascend[r] }) { return known }
    let found = check()
    lock.withLock { ascend[r] = found }
    return found
  }

  /// Notes a range done; `true` for the last.
  func finish() -> Bool {
    lock.withLock {
      done += 1
      return done == ascend.count
    }
  }
}

extension LinkGrouping {
  /// Calls `body` with each link of `parts` that starts at a person in `range` (a marked
  /// link as itself, then its reverse), in the parts' order or `reversed`: a part whose
  /// persons lie outside the range is not read, and one wholly inside it has no link tested.
  @inline(__always)
  fileprivate static func forEachLink(
    of parts: [Part], from range: Range<Int>, reversed: Bool, _ body: (PersonLink) -> Void
  ) {
    for i in parts.indices {
      let part = parts[reversed ? parts.count - 1 - i : i]
      guard part.reaches(range) else { continue }
      let inside = range.contains(part.from.lowerBound) && range.contains(part.from.upperBound)
      part.links.withUnsafeBufferPointer { links in
        for j in links.indices {
          let stored = links[reversed ? links.count - 1 - j : j]
          guard stored.addsReverse else {
            if inside || range.contains(stored.from) { body(stored) }
            continue
          }
          let link = stored.unmarked
          let pair = reversed ? (link.reverse, link) : (link, link.reverse)
          if inside || range.contains(pair.0.from) { body(pair.0) }
          if inside || range.contains(pair.1.from) { body(pair.1) }
        }
      }
    }
  }
}

extension PersonLink {
  /// The bit of ``relation`` that marks a link standing also for its reverse.
  private static let reverseMark = 1 << 30

  /// This link marked as standing also for its reverse (`to` to `from`, the same relation),
  /// which grouping adds (``LinkGrouping/Part``): a links chunk so keeps a link of a symmetric
  /// relation once, not twice.
  var addingReverse: PersonLink {
    PersonLink(from: from, to: to, relation: relation | Self.reverseMark)
  }

  /// Whether the link is marked ``addingReverse``.
  var addsReverse: Bool { relation & Self.reverseMark != 0 }

  /// The link without its mark.
  var unmarked: PersonLink {
    PersonLink(from: from, to: to, relation: relation & ~Self.reverseMark)
  }

  /// The link from `to` to `from`, of the same relation.
  var reverse: PersonLink { PersonLink(from: to, to: from, relation: relation) }
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

  /// Whether person `a`'s id comes before `b`'s byte by byte (two ids of eight bytes, the
  /// common length, as two big-endian words).
  private func bytesLess(_ a: Int, _ b: Int) -> Bool {
    let (aStart, aEnd) = (starts[a], starts[a + 1])
    let (bStart, bEnd) = (starts[b], starts[b + 1])
    if aEnd - aStart == 8, bEnd - bStart == 8, let base = bytes.baseAddress {
      let raw = UnsafeRawPointer(base)
      return UInt64(bigEndian: raw.loadUnaligned(fromByteOffset: aStart, as: UInt64.self))
        < UInt64(bigEndian: raw.loadUnaligned(fromByteOffset: bStart, as: UInt64.self))
    }
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
