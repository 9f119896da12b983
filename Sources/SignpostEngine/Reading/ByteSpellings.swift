/// A short list of byte strings (null markers, yes/no spellings, codes, enum values), held in
/// one buffer, that a field's bytes are looked up in without a reference-counted array per
/// entry; a mask of the lengths present turns most misses away before any byte is compared.
struct ByteSpellings: Sendable {
  /// Every spelling's bytes, one after another; spelling `i` is
  /// `bytes[offsets[i]..<offsets[i + 1]]`.
  private let bytes: [UInt8]
  private let offsets: [Int]
  /// Bit `n` set when some spelling is `n` bytes long (bit 63: 63 or more).
  private let lengths: UInt64

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
  }

  init(_ spellings: [String]) { self.init(spellings.map { Array($0.utf8) }) }

  var count: Int { offsets.count - 1 }

  /// The position of the first spelling equal to `field`, if any. The length test is inlined
  /// where it is called, so a field of no spelling's length costs no call.
  @inline(__always)
  func firstIndex(of field: UnsafeBufferPointer<UInt8>) -> Int? {
    guard lengths & (1 << UInt64(min(field.count, 63))) != 0 else { return nil }
    return search(field)
  }

  /// ``firstIndex(of:)`` for a field of some spelling's length.
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

  func contains(_ field: UnsafeBufferPointer<UInt8>) -> Bool { firstIndex(of: field) != nil }
}
