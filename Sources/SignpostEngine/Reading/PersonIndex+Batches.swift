extension PersonIndex {
  /// How many ids apart the stages of ``persons(count:hash:lookUp:)`` run: each asks for one of
  /// a lookup's three dependent reads this many ids ahead of the next stage, so that about
  /// three times as many cache misses are on their way at once (what a core can have
  /// outstanding, about a dozen, bounds it).
  static let lookupStride = 4

  /// The persons of `count` ids, `-1` for an id no person has or that is skipped (`hash(i)`
  /// is `nil`): `hash(i)` is id `i`'s ``hash(_:)``, and `lookUp(i)` looks it up
  /// (``index(of:hash:)``) once the reads it needs are asked for.
  ///
  /// A file in another order than the persons' looks its ids up all over the index, and
  /// each lookup reads three places one after another (the slot, where its person's id is
  /// kept, the id's bytes), each a cache miss. So the lookups run as a pipeline: while id
  /// `i` is compared, id `i + s`'s bytes, `i + 2s`'s place and `i + 3s`'s slot are asked
  /// for (`s` is ``lookupStride``), and no lookup waits on a miss of its own.
  func persons(
    count: Int, hash: (Int) -> UInt64?, lookUp: (Int) -> Int?
  ) -> [Int32] {
    let stride = Self.lookupStride
    // Each id's hash asked for once, not at each stage.
    let hashes = (0..<count).map(hash)
    var found = [Int32](repeating: -1, count: count)
    found.withUnsafeMutableBufferPointer { found in
      for i in 0..<count + 3 * stride {
        if i < count, let h = hashes[i] { prefetch(hash: h) }
        let place = i - stride
        if place >= 0, place < count, let h = hashes[place] { prefetch(hash: h, idBytes: false) }
        let bytes = i - 2 * stride
        if bytes >= 0, bytes < count, let h = hashes[bytes] { prefetch(hash: h, idBytes: true) }
        let compared = i - 3 * stride
        if compared >= 0, hashes[compared] != nil, let p = lookUp(compared) {
          found[compared] = Int32(p)
        }
      }
    }
    return found
  }
}
