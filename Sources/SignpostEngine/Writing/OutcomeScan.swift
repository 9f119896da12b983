/// Finds bytes in a person's row of one-byte codes (indicator outcomes, programme decisions)
/// eight at a time: each word of eight codes is turned into a mask with one bit per matching
/// byte, so a row whose codes are mostly the common one costs a few word operations instead
/// of a comparison and a branch per code. Matches come in order, first byte first.
enum OutcomeScan {
  private static let ones: UInt64 = 0x0101_0101_0101_0101
  private static let low7: UInt64 = 0x7F7F_7F7F_7F7F_7F7F

  /// The high bit of each byte of `word` that is not zero, the others clear.
  @inline(__always) static func nonzeroBytes(_ word: UInt64) -> UInt64 {
    (((word & low7) &+ low7) | word) & ~low7
  }

  /// Calls `body` with the position in `row` of every byte equal to `code`, in order.
  @inline(__always) static func forEach(
    _ code: UInt8, in row: UnsafeRawBufferPointer, _ body: (Int) -> Void
  ) {
    let pattern = UInt64(code) &* ones
    var start = 0
    while start + 8 <= row.count {
      // A byte equal to `code` is a zero byte after the exclusive or.
      var hits =
        ~nonzeroBytes(row.loadUnaligned(fromByteOffset: start, as: UInt64.self) ^ pattern)
        & ~low7
      while hits != 0 {
        body(start + hits.trailingZeroBitCount / 8)
        hits &= hits &- 1
      }
      start += 8
    }
    while start < row.count {
      if row[start] == code { body(start) }
      start += 1
    }
  }

  /// Calls `body` with the position and value of every byte of `row` that is not zero, in
  /// order.
  @inline(__always) static func forEachNonzero(
    in row: UnsafeRawBufferPointer, _ body: (Int, UInt8) -> Void
  ) {
    var start = 0
    while start + 8 <= row.count {
      var hits = nonzeroBytes(row.loadUnaligned(fromByteOffset: start, as: UInt64.self))
      while hits != 0 {
        let i = start + hits.trailingZeroBitCount / 8
        body(i, row[i])
        hits &= hits &- 1
      }
      start += 8
    }
    while start < row.count {
      if row[start] != 0 { body(start, row[start]) }
      start += 1
    }
  }
}
