import Foundation

/// A short list of byte strings (null markers, yes/no spellings, codes, enum values), held in
/// one buffer, that a field's bytes are looked up in without a reference-counted array per
/// entry; a mask of the lengths present turns most misses away before any byte is compared.
///
/// A field is compared as a ``Key``: its length and two words that, up to 16 bytes, together
/// hold every byte (a longer field's first and last eight, its bytes then compared when the
/// keys match). Those keys sit in a small hash table (linear probing, at least four slots a
/// key, its multiplier chosen when the spellings are read so that keys mostly sit in their
/// first slots), so a field is found, or not, by a key or two compared: no loop over the
/// spellings.
struct ByteSpellings: Sendable {
  /// Every spelling's bytes, one after another; spelling `i` is
  /// `bytes[offsets[i]..<offsets[i + 1]]`.
  private let bytes: [UInt8]
  private let offsets: [Int]
  /// Bit `n` set when some spelling is `n` bytes long (bit 63: 63 or more).
  private let lengths: UInt64
  /// The keys of the spellings (the first of equal spellings only), by linear probing from
  /// the slot ``slot(of:multiplier:shift:)`` gives; an empty slot holds a key no field's
  /// equals.
  private let slotKeys: [Key]
  /// The position of the spelling whose key is in each slot of ``slotKeys``.
  private let slotPositions: [Int32]
  /// The multiplier and shift of ``slot(of:multiplier:shift:)``.
  private let multiplier: UInt64
  private let shift: UInt64

  /// The bytes of a field as two words and the length: `n` of 8 or more bytes are the first
  /// eight and the last eight (overlapping up to 16), 4 to 7 the first four and the last four,
  /// fewer each byte. Two fields of the same length of at most 16 bytes have equal keys
  /// exactly when their bytes are equal; longer ones with equal keys may differ between.
  struct Key: Hashable, Sendable {
    var count: Int
    var low: UInt64
    var high: UInt64

    @inline(__always)
    init(_ field: UnsafeRawBufferPointer) {
      let n = field.count
      count = n
      if n >= 8 {
        low = field.loadUnaligned(fromByteOffset: 0, as: UInt64.self)
        high = field.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self)
      } else if n >= 4 {
        low =
          UInt64(field.loadUnaligned(fromByteOffset: 0, as: UInt32.self))
          | UInt64(field.loadUnaligned(fromByteOffset: n - 4, as: UInt32.self)) << 32
        high = 0
      } else {
        low = 0
        for i in 0..<n { low |= UInt64(field[i]) << UInt64(8 * i) }
        high = 0
      }
    }

    /// A key no field's equals (the length of none).
    init(never: Void) {
      count = -1
      low = 0
      high = 0
    }
  }

  init(_ spellings: [[UInt8]]) {
    bytes = spellings.flatMap { $0 }
    var offsets = [0]
    var lengths: UInt64 = 0
    for spelling in spellings {
      offsets.append(offsets[offsets.count - 1] + spelling.count)
      lengths |= 1 << UInt64(min(spelling.count, 63))
    }
    self.offsets = offsets
    self.lengths = lengths
    // The first of equal spellings, in order: a later equal one is never found first.
    var seen = Set<[UInt8]>()
    var distinct: [(key: Key, position: Int)] = []
    for (position, spelling) in spellings.enumerated() where seen.insert(spelling).inserted {
      distinct.append((spelling.withUnsafeBytes { Key($0) }, position))
    }
    // At least four slots a key, so that probes end soon at an empty slot; of a few
    // multipliers, the one whose keys lie nearest their first slots (most often each in
    // that slot, so that a lookup compares one key).
    var bits: UInt64 = 2
    while 1 << bits < 4 * distinct.count { bits += 1 }
    var best: (multiplier: UInt64, slots: [Int32], displaced: Int)?
    var seed: UInt64 = 0
    for _ in 0..<64 where best.map({ $0.displaced > 0 }) ?? true {
      seed = Self.nextMultiplier(seed)
      let (slots, displaced) = Self.place(distinct.map(\.key), bits: bits, multiplier: seed)
      if best.map({ displaced < $0.displaced }) ?? true { best = (seed, slots, displaced) }
    }
    guard let best else { preconditionFailure("no multiplier tried") }
    slotKeys = best.slots.map { $0 < 0 ? Key(never: ()) : distinct[Int($0)].key }
    slotPositions = best.slots.map { $0 < 0 ? -1 : Int32(distinct[Int($0)].position) }
    multiplier = best.multiplier
    shift = 64 - bits
  }

  /// Each slot's key's place in `keys` (-1 for an empty slot), each key in the first free
  /// slot from ``slot(of:multiplier:shift:)``'s, and how many slots past it the keys lie in
  /// all.
  private static func place(_ keys: [Key], bits: UInt64, multiplier: UInt64) -> (
    slots: [Int32], displaced: Int
  ) {
    var slots = [Int32](repeating: -1, count: 1 << bits)
    var displaced = 0
    for (k, key) in keys.enumerated() {
      var slot = Self.slot(of: key, multiplier: multiplier, shift: 64 - bits)
      while slots[slot] >= 0 {
        slot = (slot + 1) & (slots.count - 1)
        displaced += 1
      }
      slots[slot] = Int32(k)
    }
    return (slots, displaced)
  }

  /// The next multiplier to try: odd, from a fixed sequence (SplitMix64), so that a list of
  /// spellings always gets the same table.
  private static func nextMultiplier(_ seed: UInt64) -> UInt64 {
    var z = seed &+ 0x9E37_79B9_7F4A_7C15
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return (z ^ (z >> 31)) | 1
  }

  /// The slot of a key: its words and length mixed, multiplied, and the top bits taken.
  @inline(__always)
  private static func slot(of key: Key, multiplier: UInt64, shift: UInt64) -> Int {
    let mixed =
      (key.low &* 0xD6E8_FEB8_6659_FD93 ^ key.high) &+ UInt64(bitPattern: Int64(key.count))
    return Int(truncatingIfNeeded: (mixed &* multiplier) >> shift)
  }

  init(_ spellings: [String]) { self.init(spellings.map { Array($0.utf8) }) }

  var count: Int { offsets.count - 1 }

  /// The position of the first spelling equal to `field`, if any. The length test is inlined
  /// where it is called, so a field of no spelling's length costs no call.
  @inline(__always)
  func firstIndex(of field: UnsafeBufferPointer<UInt8>) -> Int? {
    guard lengths & (1 << UInt64(min(field.count, 63))) != 0 else { return nil }
    let key = Key(UnsafeRawBufferPointer(field))
    return slotKeys.withUnsafeBufferPointer { slotKeys in
      let mask = slotKeys.count - 1
      var slot = Self.slot(of: key, multiplier: multiplier, shift: shift)
      while true {
        let held = slotKeys[slot]
        if held == key {
          let position = Int(slotPositions.withUnsafeBufferPointer { $0[slot] })
          if field.count <= 16 || spelling(position, is: field) { return position }
        } else if held.count < 0 {
          return nil
        }
        slot = (slot + 1) & mask
      }
    }
  }

  /// Whether spelling `i` is `field`'s bytes (a field over 16 bytes whose key is its key).
  @inline(never)
  private func spelling(_ i: Int, is field: UnsafeBufferPointer<UInt8>) -> Bool {
    bytes.withUnsafeBufferPointer { stored in
      guard offsets[i + 1] - offsets[i] == field.count else { return false }
      guard let base = stored.baseAddress, let other = field.baseAddress else { return true }
      return memcmp(base + offsets[i], other, field.count) == 0
    }
  }

  @inline(__always)
  func contains(_ field: UnsafeBufferPointer<UInt8>) -> Bool { firstIndex(of: field) != nil }
}
