/// Strings read from a file's bytes, each distinct value made once: a column of school or
/// ward names repeats a few hundred values down a million rows, and each row then shares its
/// value's storage instead of allocating its own (one heap block per name over 15 bytes).
/// One per chunk, owned by the worker that reads it.
struct StringInterner {
  private var index = PersonIndex()
  private var strings: [String] = []

  /// The string of these bytes, made the first time they are seen; one of at most 15 bytes,
  /// which a `String` holds inline without a heap block, is made each time (cheaper than
  /// looking it up).
  mutating func string(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
    if bytes.count <= 15 { return String(decoding: bytes, as: UTF8.self) }
    let (position, inserted) = index.insert(bytes)
    if inserted { strings.append(String(decoding: bytes, as: UTF8.self)) }
    return strings[position]
  }
}
