import Testing

@testable import SignpostEngine

/// Ids added in order (``PersonIndex/insertInOrder(_:hash:)``, and a run at a time by
/// ``PersonIndex/appendInOrder(_:ends:hashes:)``) skip the probe while each sorts after every
/// id so far, and are placed in the slots later: from their kept hashes, or by a growth of
/// the table. Through every mix
/// of ids in order, out of order and repeated, each id keeps the index of its first insert
/// and is found once placed; ids never added are not.
@Suite struct PersonIndexInOrderTests {
  /// Inserts `id` in order, through its bytes.
  static func insert(_ id: String, into index: inout PersonIndex) -> (index: Int, inserted: Bool) {
    var id = id
    return id.withUTF8 { index.insertInOrder($0, hash: PersonIndex.hash($0)) }
  }

  /// Finds `id` while ids may wait to be placed.
  static func find(_ id: String, in index: inout PersonIndex) -> Int? {
    var id = id
    return id.withUTF8 { index.find($0, hash: PersonIndex.hash($0)) }
  }

  /// Expects each of `ids` at its position, found and not added again, once placed.
  static func expectPlaced(_ ids: [String], in index: inout PersonIndex) {
    index.place()
    #expect(!index.placesLater)
    #expect(index.count == ids.count)
    for (p, id) in ids.enumerated() {
      #expect(index.index(of: id) == p)
      #expect(index.id(p) == id)
      #expect(index.insert(id) == (p, false))
      #expect(index.index(of: id + "~") == nil)
    }
  }

  @Test(arguments: [0, 100_000])
  func idsAddedInOrderAreFoundOncePlaced(reserved: Int) {
    var index = PersonIndex()
    index.reserveCapacity(reserved)
    var ids: [String] = []
    // A sorted register (zero-padded ids), ids longer than the last (after it as its
    // prefix), a repeat of the last.
    for n in 0..<60_000 {
      let id = "P" + String(repeating: "0", count: 6 - String(n).count) + String(n)
      #expect(Self.insert(id, into: &index) == (n, true))
      ids.append(id)
    }
    #expect(index.placesLater)
    #expect(Self.find("P999999", in: &index) == nil)
    #expect(index.placesLater, "an id after every other is known absent without placing")
    #expect(Self.insert("P059999x", into: &index) == (ids.count, true))
    ids.append("P059999x")
    #expect(Self.insert("P059999x", into: &index) == (ids.count - 1, false))
    #expect(!index.placesLater, "a repeat is looked up once the ids are placed")
    Self.expectPlaced(ids, in: &index)
  }

  @Test func idsOutOfOrderAndRepeatedMixWithIdsInOrder() {
    var index = PersonIndex()
    var ids: [String] = []
    var expected: [String: Int] = [:]
    // Runs in order broken by a smaller id, a repeat, or a lookup of a known id; each
    // break places what waits, a run or two ids at a time.
    for n in 0..<30_000 {
      let id = "A\(n)"
      let found = Self.insert(id, into: &index)
      if let p = expected[id] {
        #expect(found == (p, false))
      } else {
        #expect(found == (ids.count, true))
        expected[id] = ids.count
        ids.append(id)
      }
      if n % 1_000 == 999 {
        #expect(Self.insert("A\(n / 2)", into: &index) == (expected["A\(n / 2)"]!, false))
      }
      if n % 777 == 0 { #expect(Self.find("A\(n / 3)", in: &index) == expected["A\(n / 3)"]) }
      if n % 555 == 0 {
        #expect(Self.find("B\(n)", in: &index) == nil)
        #expect(Self.find("0\(n)", in: &index) == nil)
      }
    }
    Self.expectPlaced(ids, in: &index)
  }

  /// Appends a run of ids (each after the one before) through their bytes.
  static func append(_ run: [String], to index: inout PersonIndex) -> Int? {
    var bytes: [UInt8] = []
    var ends: [Int32] = []
    var hashes: [UInt64] = []
    for id in run {
      var id = id
      id.withUTF8 { hashes.append(PersonIndex.hash($0)) }
      bytes += Array(id.utf8)
      ends.append(Int32(bytes.count))
    }
    return bytes.withUnsafeBufferPointer { bytes in
      ends.withUnsafeBufferPointer { ends in
        hashes.withUnsafeBufferPointer { index.appendInOrder(bytes, ends: ends, hashes: $0) }
      }
    }
  }

  /// Runs of ids appended at once (a chunk of a register sorted by id) are added while the
  /// first of each comes after every id so far, with the table growing under them (unsized,
  /// or sized too small) and mixed with ids added one at a time; a run that does not come
  /// after is refused whole, and its ids can then be added as usual.
  @Test(arguments: [0, 1_000, 200_000])
  func runsOfIdsInOrderAreAddedWholeOrNotAtAll(reserved: Int) {
    var index = PersonIndex()
    index.reserveCapacity(reserved)
    var ids: [String] = []
    func id(_ n: Int) -> String {
      "R" + String(repeating: "0", count: 6 - String(n).count) + String(n)
    }
    var n = 0
    for length in [1, 700, 3_000, 20_000, 0, 50_000] {
      let run = (n..<n + length).map(id)
      #expect(Self.append(run, to: &index) == ids.count)
      ids += run
      n += length
      // One id in order between runs, as a row after a rejected one is added.
      #expect(Self.insert(id(n), into: &index) == (ids.count, true))
      ids.append(id(n))
      n += 1
    }
    #expect(index.placesLater)
    // A run starting at a known id, or before the greatest, adds nothing, even its new ids.
    let refused = [id(n - 1), id(n + 5)]
    #expect(Self.append(refused, to: &index) == nil)
    #expect(Self.append([id(3) + "x", id(n + 6)], to: &index) == nil)
    #expect(index.count == ids.count)
    #expect(Self.find(id(n + 5), in: &index) == nil)
    // A run after every id still comes in after a probing insert placed the rest.
    #expect(index.insert("A") == (ids.count, true))
    ids.append("A")
    #expect(Self.append([id(n + 7), id(n + 7) + "0"], to: &index) == ids.count)
    ids += [id(n + 7), id(n + 7) + "0"]
    Self.expectPlaced(ids, in: &index)
  }

  /// A copy of the index (as a table's workers hold) keeps the ids it had while the original
  /// adds and places more, and the original never sees the copy's.
  @Test func aCopyKeepsItsIdsWhileTheOriginalGrows() {
    var index = PersonIndex()
    index.reserveCapacity(50_000)
    for n in 0..<1_000 { _ = Self.insert("K\(100_000 + n)", into: &index) }
    index.place()
    var copy = index
    for n in 1_000..<40_000 { _ = Self.insert("K\(100_000 + n)", into: &index) }
    _ = copy.insert("other")
    index.place()
    #expect(copy.count == 1_001 && index.count == 40_000)
    #expect(copy.index(of: "K100999") == 999 && copy.index(of: "K101000") == nil)
    #expect(copy.index(of: "other") == 1_000)
    #expect(index.index(of: "other") == nil && index.index(of: "K139999") == 39_999)
  }
}
