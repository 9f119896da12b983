/// Strings read from a file's bytes, each distinct value made once: a column of school or
/// ward names repeats a few hundred values down a million rows, and each row then shares its
/// value's storage instead of allocating its own (one heap block per name over 15 bytes).
/// One per chunk, owned by the worker that reads it.
struct StringInterner {
  private var index = PersonIndex()
  private var strings: [String] = []
  /// Strings of at most 15 bytes made lately, each in the slot of its bytes' key's hash
  /// (a direct-mapped cache; empty until the first such string).
  private var recent: [(key: ByteSpellings.Key, string: String)] = []

  /// How many strings ``recent`` holds: `1 << recentBits`.
  static let recentBits = 8

  /// The string of these bytes, made the first time they are seen. One of at most 15 bytes,
  /// which a `String` holds inline without a heap block, is taken from ``recent`` when the
  /// same bytes were made last in its slot, and is made (and put there) otherwise: a ward or
  /// a school's number repeated down a column is then one comparison of its key, not a
  /// `String` made and checked as UTF-8 again.
  mutating func string(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
    if bytes.count <= 15 { return short(bytes) }
    let (position, inserted) = index.insert(bytes)
    if inserted { strings.append(String(decoding: bytes, as: UTF8.self)) }
    return strings[position]
  }

  /// ``string(_:)`` for at most 15 bytes.
  @inline(__always)
  private mutating func short(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
    let key = ByteSpellings.Key(UnsafeRawBufferPointer(bytes))
    let mixed =
      (key.low ^ key.high &* 0x9E37_79B9_7F4A_7C15 ^ UInt64(key.count)) &* 0xBF58_476D_1CE4_E5B9
    let slot = Int(truncatingIfNeeded: mixed >> UInt64(64 - Self.recentBits))
    if recent.isEmpty {
      recent = Array(repeating: (ByteSpellings.Key(never: ()), ""), count: 1 << Self.recentBits)
    }
    if recent[slot].key == key { return recent[slot].string }
    let made = String(decoding: bytes, as: UTF8.self)
    recent[slot] = (key, made)
    return made
  }
}
