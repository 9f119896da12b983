/// Strings read from a file's bytes, each distinct value made once: a column of school or
/// ward names repeats a few hundred values down a million rows, and each row then shares its
/// value's storage instead of allocating its own (one heap block per name over 15 bytes), or
/// keeps only its value's place among ``strings`` (``ColumnBuilder``). One per chunk (or per
/// column of a chunk), owned by the worker that reads it.
struct StringInterner {
  private var index = PersonIndex()
  /// Every distinct string, in the order first seen: the places ``position(of:)`` gives.
  private(set) var strings: [String] = []
  /// The places of strings looked up lately, each in the slot of its bytes' key's hash (a
  /// direct-mapped cache; empty until the first lookup).
  private var recent: [(key: ByteSpellings.Key, position: Int32)] = []

  /// How many places ``recent`` holds: `1 << recentBits`.
  static let recentBits = 12

  /// The string of these bytes, made the first time they are seen.
  mutating func string(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
    strings[position(of: bytes)]
  }

  /// The place in ``strings`` of the string of these bytes, made and added the first time
  /// they are seen. Bytes whose key (``ByteSpellings/Key``: their length and first and last
  /// eight bytes) is the one last looked up in its slot of ``recent`` take that slot's place:
  /// at most 16 bytes the key alone decides, longer ones are compared with the bytes kept.
  /// A ward or a school's name repeated down a column is then one comparison, not a hash
  /// and a probe of the index; the others are looked up in the index (and put in the slot).
  @inline(__always)
  mutating func position(of bytes: UnsafeBufferPointer<UInt8>) -> Int {
    let key = ByteSpellings.Key(UnsafeRawBufferPointer(bytes))
    let mixed =
      (key.low ^ key.high &* 0x9E37_79B9_7F4A_7C15 ^ UInt64(key.count)) &* 0xBF58_476D_1CE4_E5B9
    let slot = Int(truncatingIfNeeded: mixed >> UInt64(64 - Self.recentBits))
    if recent.isEmpty {
      recent = Array(repeating: (ByteSpellings.Key(never: ()), -1), count: 1 << Self.recentBits)
    }
    let cached = recent[slot]
    if cached.key == key, bytes.count <= 16 || index.isID(of: Int(cached.position), bytes) {
      return Int(cached.position)
    }
    return add(bytes, key: key, slot: slot)
  }

  /// The place in ``strings`` of a string (of its UTF-8 bytes), made and added the first
  /// time it is seen.
  mutating func position(of string: String) -> Int {
    var string = string
    return string.withUTF8 { position(of: $0) }
  }

  /// ``position(of:)`` for bytes not in their slot of ``recent``: looked up in the index,
  /// added if new, and put in the slot.
  @inline(never)
  private mutating func add(_ bytes: UnsafeBufferPointer<UInt8>, key: ByteSpellings.Key, slot: Int)
    -> Int
  {
    let (position, inserted) = index.insert(bytes)
    if inserted { strings.append(String(decoding: bytes, as: UTF8.self)) }
    recent[slot] = (key, Int32(truncatingIfNeeded: position))
    return position
  }
}
