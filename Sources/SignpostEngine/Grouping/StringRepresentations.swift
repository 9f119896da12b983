/// Codes of the strings of a column already seen, by each value's in-memory representation:
/// the 16 bytes of a `String?`. Two values with the same bytes are the same string (the same
/// small-string bytes, or the same shared storage: a reader makes each distinct value once
/// per chunk), so a value seen before is found without reading its text, hashing it or
/// touching its reference count, which threads grouping the same shared strings would
/// otherwise contend for. Equal strings with different bytes are each looked up once by
/// their text (the caller's miss), so the cache only saves work, never changes an answer.
struct StringRepresentations {
  /// Whether a `String?` is the two words this reads; where not, nothing is cached.
  static let isReadable = MemoryLayout<String?>.size == 16 && MemoryLayout<String?>.stride == 16

  /// Open addressing: per slot the two words and the code, `filled` says which are used.
  private var first: [UInt64] = Array(repeating: 0, count: 64)
  private var second: [UInt64] = Array(repeating: 0, count: 64)
  private var codes: [Int32] = Array(repeating: 0, count: 64)
  private var filled: [Bool] = Array(repeating: false, count: 64)
  private var count = 0

  /// The two words of value `p` of `values`' bytes.
  @inline(__always) static func words(_ values: UnsafeRawBufferPointer, _ p: Int) -> (
    UInt64, UInt64
  ) {
    (
      values.loadUnaligned(fromByteOffset: p * 16, as: UInt64.self),
      values.loadUnaligned(fromByteOffset: p * 16 + 8, as: UInt64.self)
    )
  }

  /// The code kept for a value with these words, if any.
  @inline(__always) func code(_ words: (UInt64, UInt64)) -> Int32? {
    let mask = filled.count - 1
    var slot = Self.slot(words, mask)
    while filled[slot] {
      if first[slot] == words.0 && second[slot] == words.1 { return codes[slot] }
      slot = (slot + 1) & mask
    }
    return nil
  }

  /// Keeps `code` for a value with these words (not kept yet).
  mutating func keep(_ words: (UInt64, UInt64), _ code: Int32) {
    if (count + 1) * 2 > filled.count { grow() }
    let mask = filled.count - 1
    var slot = Self.slot(words, mask)
    while filled[slot] { slot = (slot + 1) & mask }
    first[slot] = words.0
    second[slot] = words.1
    codes[slot] = code
    filled[slot] = true
    count += 1
  }

  @inline(__always) private static func slot(_ words: (UInt64, UInt64), _ mask: Int) -> Int {
    let h = (words.0 &* 0x9E37_79B9_7F4A_7C15) ^ (words.1 &* 0xBF58_476D_1CE4_E5B9)
    return Int(truncatingIfNeeded: h ^ (h >> 29)) & mask
  }

  private mutating func grow() {
    let old = (first, second, codes, filled)
    let size = filled.count * 2
    first = Array(repeating: 0, count: size)
    second = Array(repeating: 0, count: size)
    codes = Array(repeating: 0, count: size)
    filled = Array(repeating: false, count: size)
    count = 0
    for slot in old.3.indices where old.3[slot] { keep((old.0[slot], old.1[slot]), old.2[slot]) }
  }
}
