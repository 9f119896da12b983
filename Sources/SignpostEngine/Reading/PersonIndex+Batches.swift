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

  /// ``warmBatch(at:of:hashes:)`` for keys whose persons are scattered over the index (an
  /// event file's, a few rows per person): a lookup's three dependent reads (the slot, where
  /// its person's id is kept, the id's bytes) each warmed for a whole batch in one loop, a
  /// batch apart, so that each loop's misses overlap. At the start of batch `b` it reads the
  /// slots of batch `b + 2`, the offsets of batch `b + 1` and the ids of batch `b`. `hash`
  /// gives a row's key's ``hash(_:)``, or `nil` when it has none to look up.
  @inline(__always)
  func warmScattered(at r: Int, of count: Int, hash: (Int) -> UInt64?) -> UInt64 {
    let batch = Self.lookupBatch
    guard r % batch == 0 else { return 0 }
    var read: UInt64 = 0
    let slots = r == 0 ? 0..<3 * batch : r + 2 * batch..<r + 3 * batch
    for ahead in slots.clamped(to: 0..<count) {
      if let h = hash(ahead) { read ^= warm(hash: h) }
    }
    let offsets = r == 0 ? 0..<2 * batch : r + batch..<r + 2 * batch
    for ahead in offsets.clamped(to: 0..<count) {
      if let h = hash(ahead) { read ^= warm(hash: h, id: false) }
    }
    for ahead in (r..<r + batch).clamped(to: 0..<count) {
      if let h = hash(ahead) { read ^= warm(hash: h, id: true) }
    }
    return read
  }
}
