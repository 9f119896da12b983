import CPrefetch

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
  private var slots: [UInt64] = [UInt64](repeating: 0, count: 16)

  public init() {}

  /// Reads the slot where a probe for `hash` starts, so that a lookup soon after finds it in
  /// the cache: a merge warms a batch of rows' slots in one tight loop, whose cache misses
  /// overlap, before it looks each of them up. Returns what it read, for the caller to keep
  /// (in a stored property) so that the read is not optimized away.
  func warm(hash: UInt64) -> UInt64 {
    slots[Int(truncatingIfNeeded: hash) & (slots.count - 1)]
  }

  /// Asks for the slot where a probe for `hash` starts to be brought into the cache, and
  /// returns at once: unlike ``warm(hash:)``, which reads the slot and so waits for it, the
  /// prefetch holds up nothing after it.
  @inline(__always)
  func prefetch(hash: UInt64) {
    slots.withUnsafeBufferPointer {
      guard let base = $0.baseAddress else { return }
      signpost_prefetch(base + (Int(truncatingIfNeeded: hash) & ($0.count - 1)))
    }
  }

  /// Once ``warm(hash:)`` has brought the slot in, reads where the id of the person it names
  /// is kept, and with `id` that id's first bytes: the second and third of a lookup's three
  /// dependent reads, warmed a batch apart for keys whose persons are scattered over the index
  /// (``warmScattered(at:of:hash:)``). Returns what it read.
  func warm(hash: UInt64, id: Bool) -> UInt64 {
    let entry = slots[Int(truncatingIfNeeded: hash) & (slots.count - 1)]
    guard entry != 0, entry & Self.tagMask == hash & Self.tagMask else { return 0 }
    let start = offsets[Int(truncatingIfNeeded: entry & 0xFFFF_FFFF) - 1]
    guard id else { return UInt64(truncatingIfNeeded: start) }
    return start < bytes.count ? UInt64(bytes[start]) : 0
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
    if (count + 1) * 4 > slots.count * 3 { grow() }
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
    slots[slot] = tag | UInt64(index + 1)
    bytes.append(contentsOf: id)
    offsets.append(bytes.count)
    return (index, true)
  }

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
  }

  /// The room reserved past the ids (``reserveCapacity(_:)``).
  var spareRoom: [UnsafeRawBufferPointer] { [bytes.spareRoom, offsets.spareRoom] }

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

  /// Moves every id into a table of `size` slots (a power of two).
  private mutating func rehash(into size: Int) {
    var larger = [UInt64](repeating: 0, count: size)
    let mask = larger.count - 1
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
