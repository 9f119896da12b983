import Testing

@testable import SignpostEngine

/// Ids looked up together as a pipeline find what a lookup of each finds: known ids in any
/// order (probes that pass other ids' slots included), unknown ones, repeats and skipped ones,
/// in batches shorter and longer than the pipeline, each id's hash asked for and each id
/// looked up exactly once.
@Test(arguments: [0, 1, 5, 11, 12, 13, 2_000])
func idsLookedUpTogetherFindWhatEachLookupFinds(count: Int) {
  var index = PersonIndex()
  for n in 0..<3_000 { _ = index.insert("P\(n)") }
  var state: UInt64 = 11
  let ids: [String] = (0..<count).map { _ in
    state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
    return state % 7 == 0 ? "Q\(state % 500)" : "P\((state >> 8) % 3_000)"
  }
  let bytes = ids.map { Array($0.utf8) }
  let hashes = bytes.map { $0.withUnsafeBufferPointer { PersonIndex.hash($0) } }
  let skipped = { (i: Int) in i % 5 == 3 }
  var looked: [Int] = []
  var asked: [Int] = []
  let found = index.persons(count: count) {
    asked.append($0)
    return skipped($0) ? nil : hashes[$0]
  } lookUp: { i in
    looked.append(i)
    return bytes[i].withUnsafeBufferPointer { index.index(of: $0, hash: hashes[i]) }
  }
  #expect(found.count == count)
  #expect(asked == Array(0..<count))
  #expect(looked == (0..<count).filter { !skipped($0) })
  for (i, id) in ids.enumerated() {
    #expect(found[i] == (skipped(i) ? -1 : Int32(index.index(of: id) ?? -1)), "\(id)")
  }
}

/// A merge's marks of the persons it has seen: none at first, each person marked kept,
/// marks past the end growing the set (across word boundaries), and persons past it unmarked.
@Test func personFlagsMarkEachPersonAndGrowToTheOnesMarked() {
  var flags = PersonFlags(count: 70)
  #expect(flags.count == 70)
  #expect((0..<70).allSatisfy { !flags.contains($0) })
  for p in [0, 63, 64, 69] { flags.insert(p) }
  #expect((0..<70).filter { flags.contains($0) } == [0, 63, 64, 69])
  #expect(!flags.contains(70) && !flags.contains(-1) && !flags.contains(1_000))
  flags.insert(200)
  #expect(flags.count == 201)
  #expect((0..<300).filter { flags.contains($0) } == [0, 63, 64, 69, 200])
  var empty = PersonFlags(count: 0)
  #expect(!empty.contains(0))
  empty.insert(0)
  #expect(empty.contains(0) && empty.count == 1)
}
