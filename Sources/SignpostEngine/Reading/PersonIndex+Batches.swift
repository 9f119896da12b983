extension PersonIndex {
  /// Rows looked up a batch at a time.
  static let lookupBatch = 32

  /// Warms the cache for a loop that looks up the keys of rows `0..<count` in order, called
  /// at every row `r`: at the start of each batch it reads the slots (``warm(hash:)``) where
  /// the probes of the batch's keys start, in one tight loop whose cache misses overlap, so
  /// that the lookups after it find them in the cache instead of stalling on a miss each.
  /// `hashes` gives a row's two keys' ``hash(_:)`` (the same twice for one key), or `nil`
  /// when it has none to look up. Returns what it read, for the caller to keep so that the
  /// reads stay.
  @inline(__always)
  func warmBatch(at r: Int, of count: Int, hashes: (Int) -> (UInt64, UInt64)?) -> UInt64 {
    let batch = Self.lookupBatch
    guard r % batch == 0 else { return 0 }
    var read: UInt64 = 0
    for ahead in r..<min(count, r + batch) {
      if let (a, b) = hashes(ahead) { read ^= warm(hash: a) ^ warm(hash: b) }
    }
    return read
  }
}
