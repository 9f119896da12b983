/// A short list of byte strings (null markers, yes/no spellings, codes, enum values), held in
/// one buffer, that a field's bytes are looked up in without a reference-counted array per
/// entry; a mask of the lengths present turns most misses away before any byte is compared.
///
/// A field of at most 16 bytes is compared as a ``Key``: its length and two words that
/// together hold every byte, so a lookup is a few integer comparisons per spelling rather
/// than a loop over bytes.
struct ByteSpellings: Sendable {
  /// Every spelling's bytes, one after another; spelling `i` is
  /// `bytes[offsets[i]..<offsets[i + 1]]`.
  private let bytes: [UInt8]
  private let offsets: [Int]
  /// Each spelling's key; for one over 16 bytes, a key no field's key equals.
  private let keys: [Key]
  /// Bit `n` set when some spelling is `n` bytes long (bit 63: 63 or more).
  private let lengths: UInt64

  /// The bytes of a field of at most 16 bytes as two words and the length: `n` of 8 to 16
  /// bytes are the first eight and the last eight (overlapping), 4 to 7 the first four and the
  /// last four, fewer each byte. Two fields of the same length have equal keys exactly when
  /// their bytes are equal.
  struct Key: Equatable, Sendable {
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
    keys = spellings.map { spelling in
      spelling.count <= 16
        ? spelling.withUnsafeBytes { Key($0) } : Key(never: ())
    }
  }

  init(_ spellings: [String]) { self.init(spellings.map { Array($0.utf8) }) }

  var count: Int { offsets.count - 1 }

  /// The position of the first spelling equal to `field`, if any. The length test is inlined
  /// where it is called, so a field of no spelling's length costs no call.
  @inline(__always)
  func firstIndex(of field: UnsafeBufferPointer<UInt8>) -> Int? {
    guard lengths & (1 << UInt64(min(field.count, 63))) != 0 else { return nil }
    guard field.count <= 16 else { return search(field) }
    let key = Key(UnsafeRawBufferPointer(field))
    for i in keys.indices where keys[i] == key { return i }
    return nil
  }

  /// ``firstIndex(of:)`` for a field over 16 bytes long, of some spelling's length.
  @inline(never)
  private func search(_ field: UnsafeBufferPointer<UInt8>) -> Int? {
    bytes.withUnsafeBufferPointer { stored in
      offsets.withUnsafeBufferPointer { offsets in
        for i in 0..<offsets.count - 1 where offsets[i + 1] - offsets[i] == field.count {
          var same = true
          for j in 0..<field.count where stored[offsets[i] + j] != field[j] {
            same = false
            break
          }
          if same { return i }
        }
        return nil
      }
    }
  }

  @inline(__always)
  func contains(_ field: UnsafeBufferPointer<UInt8>) -> Bool { firstIndex(of: field) != nil }
}
