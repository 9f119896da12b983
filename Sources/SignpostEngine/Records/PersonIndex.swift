import CPrefetch

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Person ids interned to dense indices: an open-addressing hash table keyed by the ids'
/// bytes, so a reader looks an id up straight from a file's bytes without making a `String`.
///
/// Each slot holds the person's index and the top half of the id's hash, so a probe reads
/// one slot (one cache miss in a large table) and compares bytes only when the halves match.
/// Readers hash an id where they parse it (`hash(_:)`, on a worker) and pass the hash in,
/// so that the serial merge does not hash again.
public struct PersonIndex: Sendable {
  /// Every id's bytes, one after another; id `p` is `bytes[offsets[p]..<offsets[p + 1]]`.
  private var bytes: [UInt8] = []
  private var offsets: [Int] = [0]
  /// Per slot: the hash's top 32 bits, then person index + 1 in the low 32 (0 is empty).
  /// The count is a power of two.
  private var slots = SlotTable(count: 16)
  /// The hashes of the last ids, not in `slots` yet (``insertInOrder(_:hash:)``,
  /// ``appendInOrder(_:ends:hashes:)``): ids `count - unplaced ..< count`, put in by
  /// ``place()``. Lookups by slot need none.
  private var unplacedHashes: [UInt64] = []
  /// How many of the last ids are not in `slots` yet.
  private var unplaced: Int { unplacedHashes.count }
  /// The person whose id is the greatest so far, byte by byte; -1 when there is none.
  private var greatest = -1

  public init() {}

  /// Asks for the slot where a probe for `hash` starts to be brought into the cache, and
  /// returns at once: a prefetch holds up nothing after it.
  @inline(__always)
  func prefetch(hash: UInt64) {
    assert(unplaced == 0, "a lookup before the ids added in order were placed")
    signpost_prefetch(slots.base + (Int(truncatingIfNeeded: hash) & (slots.count - 1)))
  }

  /// Once ``prefetch(hash:)`` has brought the slot in, asks for the next of a lookup's three
  /// dependent reads: where the id of the person the slot names is kept (`idBytes` false),
  /// or, once that is in too, the id's first bytes (``persons(count:hash:lookUp:)``).
  @inline(__always)
  func prefetch(hash: UInt64, idBytes: Bool) {
    let entry = slots.base[Int(truncatingIfNeeded: hash) & (slots.count - 1)]
    guard entry != 0, entry & Self.tagMask == hash & Self.tagMask else { return }
    let p = Int(truncatingIfNeeded: entry & 0xFFFF_FFFF) - 1
    offsets.withUnsafeBufferPointer { offsets in
      guard let first = offsets.baseAddress else { return }
      guard idBytes else { return signpost_prefetch(first + p) }
      bytes.withUnsafeBufferPointer { bytes in
        if let base = bytes.baseAddress, offsets[p] < bytes.count {
          signpost_prefetch(base + offsets[p])
        }
      }
    }
  }

  public var count: Int { offsets.count - 1 }

  /// Whether `id` is the id of person `p` (any `p`; one out of range has none).
  func isID(of p: Int, _ id: UnsafeBufferPointer<UInt8>) -> Bool {
    p >= 0 && p < count && equals(p, id)
  }

  /// The index of the id, if present.
  public func index(of id: UnsafeBufferPointer<UInt8>) -> Int? {
    index(of: id, hash: Self.hash(id))
  }

  /// The index of the id whose `hash(_:)` is `hash`, if present.
  func index(of id: UnsafeBufferPointer<UInt8>, hash: UInt64) -> Int? {
    assert(unplaced == 0, "a lookup before the ids added in order were placed")
    let tag = hash & Self.tagMask
    let mask = slots.count - 1
    var slot = Int(truncatingIfNeeded: hash) & mask
    while true {
      let entry = slots[slot]
      if entry == 0 { return nil }
      if entry & Self.tagMask == tag, equals(Int(truncatingIfNeeded: entry & 0xFFFF_FFFF) - 1, id) {
        return Int(truncatingIfNeeded: entry & 0xFFFF_FFFF) - 1
      }
      slot = (slot + 1) & mask
    }
  }

  /// The index of the id if it is one of the `count` persons from `first` on, compared in
  /// order: for a file whose ids come in about the order they were added (a census sorted by
  /// id, as the register is), each is found a step or two after the one before, reading ids'
  /// bytes in order and no slot of the table (a random cache miss each).
  func index(of id: UnsafeBufferPointer<UInt8>, among first: Int, count: Int) -> Int? {
    var p = max(first, 0)
    let end = min(first + count, self.count)
    while p < end {
      if equals(p, id) { return p }
      p += 1
    }
    return nil
  }

  public func index(of id: String) -> Int? {
    var id = id
    return id.withUTF8 { index(of: $0) }
  }

  /// The id's index, adding it (as the next index) if new; `inserted` says which.
  public mutating func insert(_ id: UnsafeBufferPointer<UInt8>) -> (index: Int, inserted: Bool) {
    insert(id, hash: Self.hash(id))
  }

  /// ``insert(_:)`` for an id whose `hash(_:)` is `hash`.
  mutating func insert(_ id: UnsafeBufferPointer<UInt8>, hash: UInt64) -> (
    index: Int, inserted: Bool
  ) {
    if unplaced > 0 { place() }
    if (count + 1) * 4 > slots.count * 3 { grow() }
    if !slots.faultedIn { slots.faultIn() }
    let tag = hash & Self.tagMask
    let mask = slots.count - 1
    var slot = Int(truncatingIfNeeded: hash) & mask
    while true {
      let entry = slots[slot]
      if entry == 0 { break }
      if entry & Self.tagMask == tag, equals(Int(truncatingIfNeeded: entry & 0xFFFF_FFFF) - 1, id) {
        return (Int(truncatingIfNeeded: entry & 0xFFFF_FFFF) - 1, false)
      }
      slot = (slot + 1) & mask
    }
    let index = count
    ownSlots()
    slots[slot] = tag | UInt64(index + 1)
    if greatest < 0 || follows(id, greatest) { greatest = index }
    bytes.append(contentsOf: id)
    offsets.append(bytes.count)
    return (index, true)
  }

  /// ``insert(_:hash:)`` that adds an id greater, byte by byte, than every id so far without
  /// probing the slots: it cannot be there. Its slot is filled later with the others added
  /// so (``place()``), from the hash kept now, with the slots asked for ahead so that their
  /// misses overlap rather than stall the merge an id at a time. Until then only
  /// ``find(_:hash:)`` and the inserts look ids up.
  mutating func insertInOrder(_ id: UnsafeBufferPointer<UInt8>, hash: UInt64) -> (
    index: Int, inserted: Bool
  ) {
    guard greatest < 0 || follows(id, greatest) else { return insert(id, hash: hash) }
    if (count + 1) * 4 > slots.count * 3 { grow() }
    let index = count
    greatest = index
    bytes.append(contentsOf: id)
    offsets.append(bytes.count)
    unplacedHashes.append(hash)
    return (index, true)
  }

  /// ``insertInOrder(_:hash:)`` for a run of ids at once, each greater than the one before
  /// (which the caller has checked): `ids` holds them one after another, id `i` ending at
  /// `ends[i]`, with `hashes[i]` its hash. When the first is greater than every id so far,
  /// the run is added (its bytes in one copy, no probe) and the first's index returned;
  /// otherwise nothing is added and the result is `nil`.
  mutating func appendInOrder(
    _ ids: UnsafeBufferPointer<UInt8>, ends: UnsafeBufferPointer<Int32>,
    hashes: UnsafeBufferPointer<UInt64>
  ) -> Int? {
    precondition(ends.count == hashes.count && Int(ends.last ?? 0) <= ids.count)
    guard let firstEnd = ends.first else { return count }
    guard
      greatest < 0 || follows(UnsafeBufferPointer(rebasing: ids[..<Int(firstEnd)]), greatest)
    else { return nil }
    let first = count
    var size = slots.count
    while size * 3 < (first + ends.count) * 4 { size *= 2 }
    if size > slots.count { rehash(into: size) }
    let base = bytes.count
    bytes.append(contentsOf: UnsafeBufferPointer(rebasing: ids[..<Int(ends[ends.count - 1])]))
    let start = offsets.count
    offsets.append(contentsOf: repeatElement(0, count: ends.count))
    offsets.withUnsafeMutableBufferPointer { offsets in
      for (i, end) in ends.enumerated() { offsets[start &+ i] = base &+ Int(end) }
    }
    unplacedHashes.append(contentsOf: hashes)
    greatest = count - 1
    return first
  }

  /// Whether ids added by ``insertInOrder(_:hash:)`` wait to be placed: lookups by slot
  /// (``index(of:hash:)``, ``prefetch(hash:)``) must wait for ``place()``.
  var placesLater: Bool { unplaced > 0 }

  /// ``index(of:hash:)`` while ids may wait to be placed: an id greater than every id so
  /// far is not there; any other is looked up once they are placed.
  mutating func find(_ id: UnsafeBufferPointer<UInt8>, hash: UInt64) -> Int? {
    if unplaced > 0 {
      if follows(id, greatest) { return nil }
      place()
    }
    return index(of: id, hash: hash)
  }

  /// Whether `id` comes after the id of person `p`, byte by byte (a longer id after its
  /// prefix).
  private func follows(_ id: UnsafeBufferPointer<UInt8>, _ p: Int) -> Bool {
    bytes.withUnsafeBufferPointer { stored in
      Self.isOrdered(UnsafeBufferPointer(rebasing: stored[offsets[p]..<offsets[p + 1]]), id)
    }
  }

  /// Whether id `a` comes before id `b`, byte by byte (a prefix before the longer id).
  static func isOrdered(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
    let (x, y) = (UnsafeRawBufferPointer(a), UnsafeRawBufferPointer(b))
    let common = min(a.count, b.count)
    var i = 0
    while i + 8 <= common {
      let u = x.loadUnaligned(fromByteOffset: i, as: UInt64.self).bigEndian
      let v = y.loadUnaligned(fromByteOffset: i, as: UInt64.self).bigEndian
      if u != v { return u < v }
      i += 8
    }
    while i < common {
      if a[i] != b[i] { return a[i] < b[i] }
      i += 1
    }
    return a.count < b.count
  }

  /// Puts the ids added by ``insertInOrder(_:hash:)`` and ``appendInOrder(_:ends:hashes:)``
  /// into their slots, from the hashes kept when they were added. Each slot is asked for
  /// ``placeAhead`` ids before it is written, so that the cache and TLB misses of a large
  /// batch overlap instead of stalling an id each.
  mutating func place() {
    guard unplaced > 0 else { return }
    ownSlots()
    let first = count - unplaced
    var hashes: [UInt64] = []
    swap(&hashes, &unplacedHashes)
    let mask = slots.count - 1
    let slots = slots.base
    hashes.withUnsafeBufferPointer { hashes in
      for (i, h) in hashes.enumerated() {
        if i &+ Self.placeAhead < hashes.count {
          signpost_prefetch(slots + (Int(truncatingIfNeeded: hashes[i &+ Self.placeAhead]) & mask))
        }
        var slot = Int(truncatingIfNeeded: h) & mask
        while slots[slot] != 0 { slot = (slot &+ 1) & mask }
        slots[slot] = h & Self.tagMask | UInt64(first &+ i &+ 1)
      }
    }
  }

  /// How many ids ahead ``place()`` asks for a slot.
  static let placeAhead = 16

  public mutating func insert(_ id: String) -> (index: Int, inserted: Bool) {
    var id = id
    return id.withUTF8 { insert($0) }
  }

  /// Makes room for about `count` ids: the slots are allocated once at the size `count` ids
  /// need (not doubled up to it), and nothing is copied when there is room already.
  public mutating func reserveCapacity(_ count: Int) {
    if offsets.capacity < count + 1 { offsets.reserveCapacity(count + 1) }
    // The ids' bytes at the length of those so far (12 bytes each before there are any).
    let length = self.count > 0 ? (bytes.count + self.count - 1) / self.count : 12
    if bytes.capacity < count * length { bytes.reserveCapacity(count * length) }
    var size = slots.count
    while size * 3 < count * 4 { size *= 2 }
    if size > slots.count { rehash(into: size) }
    // An empty index sized for many ids is likely filled in order by one table, whose ids'
    // hashes wait for ``place()``: their room is faulted in beside the merge (``spareRoom``).
    if self.count == 0, count >= 1_024 { unplacedHashes.reserveCapacity(count) }
  }

  /// The room reserved past the ids and their hashes (``reserveCapacity(_:)``), and the
  /// slots (from `calloc`, not written when the index is sized while empty).
  var spareRoom: [UnsafeRawBufferPointer] {
    [
      bytes.spareRoom, offsets.spareRoom, unplacedHashes.spareRoom,
      UnsafeRawBufferPointer(start: slots.base, count: slots.count * 8),
    ]
  }

  /// The id of person `p`.
  public func id(_ p: Int) -> String {
    String(decoding: bytes[offsets[p]..<offsets[p + 1]], as: UTF8.self)
  }

  /// Whether every id is ASCII, so that ordering ids by their bytes orders them as
  /// `String`s do.
  var idsAreASCII: Bool {
    bytes.withUnsafeBytes { raw in
      var any: UInt64 = 0
      var i = 0
      while i + 8 <= raw.count {
        any |= raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
        i += 8
      }
      while i < raw.count {
        any |= UInt64(raw[i])
        i += 1
      }
      return any & 0x8080_8080_8080_8080 == 0
    }
  }

  /// Calls `body` with every id's bytes and where each starts: id `p` is
  /// `bytes[starts[p]..<starts[p + 1]]`.
  func withIDBytes<R>(
    _ body: (_ bytes: UnsafeBufferPointer<UInt8>, _ starts: UnsafeBufferPointer<Int>) -> R
  ) -> R {
    bytes.withUnsafeBufferPointer { bytes in
      offsets.withUnsafeBufferPointer { body(bytes, $0) }
    }
  }

  private static let tagMask: UInt64 = 0xFFFF_FFFF_0000_0000

  private func equals(_ p: Int, _ id: UnsafeBufferPointer<UInt8>) -> Bool {
    let start = offsets[p]
    guard offsets[p + 1] - start == id.count else { return false }
    return bytes.withUnsafeBytes { stored in
      let other = UnsafeRawBufferPointer(id)
      var i = 0
      while i + 8 <= id.count {
        guard
          stored.loadUnaligned(fromByteOffset: start + i, as: UInt64.self)
            == other.loadUnaligned(fromByteOffset: i, as: UInt64.self)
        else { return false }
        i += 8
      }
      while i < id.count {
        guard stored[start + i] == other[i] else { return false }
        i += 1
      }
      return true
    }
  }

  private mutating func grow() { rehash(into: slots.count * 2) }

  /// Copies the slots before a write when another copy of the index shares them.
  private mutating func ownSlots() {
    if !isKnownUniquelyReferenced(&slots) { slots = slots.copy() }
  }

  /// Moves every id into a table of `size` slots (a power of two).
  private mutating func rehash(into size: Int) {
    let larger = SlotTable(count: size)
    let mask = size - 1
    bytes.withUnsafeBufferPointer { bytes in
      for p in 0..<count {
        let id = UnsafeBufferPointer(rebasing: bytes[offsets[p]..<offsets[p + 1]])
        let hash = Self.hash(id)
        var slot = Int(truncatingIfNeeded: hash) & mask
        while larger[slot] != 0 { slot = (slot + 1) & mask }
        larger[slot] = hash & Self.tagMask | UInt64(p + 1)
      }
    }
    slots = larger
    unplacedHashes = []
  }

  /// A 64-bit hash of the bytes, eight at a time, with a final mix.
  static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
    var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(bytes.count)
    var i = 0
    let raw = UnsafeRawBufferPointer(bytes)
    while i + 8 <= bytes.count {
      let word = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
      h = (h ^ word) &* 0xBF58_476D_1CE4_E5B9
      h ^= h >> 29
      i += 8
    }
    var tail: UInt64 = 0
    var shift: UInt64 = 0
    while i < bytes.count {
      tail |= UInt64(bytes[i]) << shift
      shift += 8
      i += 1
    }
    h = (h ^ tail) &* 0x94D0_49BB_1331_11EB
    h ^= h >> 31
    h = h &* 0xBF58_476D_1CE4_E5B9
    return h ^ (h >> 32)
  }
}

/// A ``PersonIndex``'s slots: memory from `calloc`, which for a large table is fresh pages the
/// kernel hands over zeroed, so that sizing the index for a million ids writes nothing on the
/// calling thread (its pages are faulted in beside the merge: ``SpareRoom``). Written only
/// through an index that holds the only reference (``PersonIndex/ownSlots()``), as an
/// array would be; so shared between threads only to be read.
final class SlotTable: @unchecked Sendable {
  let base: UnsafeMutablePointer<UInt64>
  let count: Int

  /// `count` zeroed slots.
  init(count: Int) {
    guard let memory = calloc(count, MemoryLayout<UInt64>.stride) else {
      fatalError("out of memory for \(count) index slots")
    }
    base = memory.bindMemory(to: UInt64.self, capacity: count)
    self.count = count
  }

  deinit { free(base) }

  /// Whether every page of the slots is mapped writable (``faultIn()``).
  private(set) var faultedIn = false

  /// Maps every page of the slots writable before probes read them at random. Fresh pages
  /// from `calloc` are mapped on first touch, and one first read maps the shared zero page,
  /// so the write after it faults again and makes the kernel flush the page from every core
  /// that runs the process: a probing insert in each page of a fresh table paid that
  /// (about 50 ms for a million ids in another order than their sort). Faulted in here in one
  /// call, the pages cost a page fault each, without the flush.
  func faultIn() {
    faultedIn = true
    SpareRoom.populate([UnsafeRawBufferPointer(start: base, count: count * 8)])
  }

  subscript(slot: Int) -> UInt64 {
    get {
      precondition(slot >= 0 && slot < count)
      return base[slot]
    }
    set {
      precondition(slot >= 0 && slot < count)
      base[slot] = newValue
    }
  }

  /// A copy of the slots, for an index about to write them.
  func copy() -> SlotTable {
    let copy = SlotTable(count: count)
    copy.base.update(from: base, count: count)
    return copy
  }
}
