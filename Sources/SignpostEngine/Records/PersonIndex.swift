/// Person ids interned to dense indices: an open-addressing hash table keyed by the ids'
/// bytes, so a reader looks an id up straight from a file's bytes without making a `String`.
public struct PersonIndex: Sendable {
  /// Every id's bytes, one after another; id `p` is `bytes[offsets[p]..<offsets[p + 1]]`.
  private var bytes: [UInt8] = []
  private var offsets: [Int] = [0]
  /// Each id's hash, to skip most byte comparisons.
  private var hashes: [UInt64] = []
  /// Person index + 1 in each slot; 0 is empty. The count is a power of two.
  private var slots: [Int32] = [Int32](repeating: 0, count: 16)

  public init() {}

  public var count: Int { hashes.count }

  /// The index of the id, if present.
  public func index(of id: UnsafeBufferPointer<UInt8>) -> Int? {
    let hash = Self.hash(id)
    let mask = slots.count - 1
    var slot = Int(truncatingIfNeeded: hash) & mask
    while true {
      let entry = Int(slots[slot])
      if entry == 0 { return nil }
      if hashes[entry - 1] == hash, equals(entry - 1, id) { return entry - 1 }
      slot = (slot + 1) & mask
    }
  }

  public func index(of id: String) -> Int? {
    var id = id
    return id.withUTF8 { index(of: $0) }
  }

  /// The id's index, adding it (as the next index) if new; `inserted` says which.
  public mutating func insert(_ id: UnsafeBufferPointer<UInt8>) -> (index: Int, inserted: Bool) {
    if (hashes.count + 1) * 4 > slots.count * 3 { grow() }
    let hash = Self.hash(id)
    let mask = slots.count - 1
    var slot = Int(truncatingIfNeeded: hash) & mask
    while true {
      let entry = Int(slots[slot])
      if entry == 0 { break }
      if hashes[entry - 1] == hash, equals(entry - 1, id) { return (entry - 1, false) }
      slot = (slot + 1) & mask
    }
    let index = hashes.count
    slots[slot] = Int32(index + 1)
    hashes.append(hash)
    bytes.append(contentsOf: id)
    offsets.append(bytes.count)
    return (index, true)
  }

  public mutating func insert(_ id: String) -> (index: Int, inserted: Bool) {
    var id = id
    return id.withUTF8 { insert($0) }
  }

  /// Makes room for about `count` ids.
  public mutating func reserveCapacity(_ count: Int) {
    hashes.reserveCapacity(count)
    offsets.reserveCapacity(count + 1)
    while slots.count * 3 < count * 4 { grow() }
  }

  /// The id of person `p`.
  public func id(_ p: Int) -> String {
    String(decoding: bytes[offsets[p]..<offsets[p + 1]], as: UTF8.self)
  }

  private func equals(_ p: Int, _ id: UnsafeBufferPointer<UInt8>) -> Bool {
    let start = offsets[p]
    guard offsets[p + 1] - start == id.count else { return false }
    for i in 0..<id.count where bytes[start + i] != id[i] { return false }
    return true
  }

  private mutating func grow() {
    var larger = [Int32](repeating: 0, count: slots.count * 2)
    let mask = larger.count - 1
    for (p, hash) in hashes.enumerated() {
      var slot = Int(truncatingIfNeeded: hash) & mask
      while larger[slot] != 0 { slot = (slot + 1) & mask }
      larger[slot] = Int32(p + 1)
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
