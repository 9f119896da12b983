import SignpostTestSupport
import Testing

@testable import SignpostEngine

/// Links grouped on every core (persons split into ranges, each range sorted and deduplicated
/// on its own, then moved together) come out as one sort of all links by person, relation and
/// linked id (compared as `String`s) with repeats dropped would give: persons with no links,
/// one link, and more than the insertion sort's sixteen, in every range. Ids added out of
/// their order are compared by their bytes; ids added in their order, by person index; and
/// ids in order but for one pair (inside a range, or across two ranges' boundary), by bytes.
/// Links come one at a time and in parts of any size (a links file's chunks), repeats within
/// a part and across parts.
@Test(arguments: ["out of order", "ascending", "swapped across ranges", "swapped in a range"])
func linksGroupedOnEveryCoreMatchASortOfAllLinksByPersonRelationAndLinkedId(order: String) throws {
  let ascending = (0..<3_000).map { "P\(1_000_000 + $0)" }
  let ids =
    switch order {
    case "out of order":
      (0..<3_000).map { n in "P\(String(repeating: "0", count: n % 5))\((n * 7_919) % 10_007)" }
    case "swapped across ranges": swapped(ascending, at: 1_499)
    case "swapped in a range": swapped(ascending, at: 700)
    default: ascending
    }
  let schema = try tinyPack().schema
  let relations = schema.relations.count
  var builder = PopulationBuilder(schema: schema)
  var generator = SeededNumbers(seed: 11)
  let persons = ids.map { builder.person($0) }
  var added: [PersonLink] = []
  var part: [PersonLink] = []
  /// Adds a link one at a time, or to the part to be appended.
  func add(_ link: PersonLink) {
    if generator.next(upTo: 2) == 0 {
      part.append(link)
    } else {
      builder.link(link, symmetric: false)
    }
  }
  for _ in 0..<20_000 {
    // Person 5 and 2_990 have many links (the stdlib sort); many others have a few.
    let from =
      generator.next(upTo: 10) == 0
      ? [5, 2_990][generator.next(upTo: 2)] : generator.next(upTo: persons.count)
    var to = generator.next(upTo: persons.count)
    if to == from { to = (to + 1) % persons.count }
    let link = PersonLink(from: from, to: to, relation: generator.next(upTo: relations))
    added.append(link)
    add(link)
    if generator.next(upTo: 8) == 0 {
      add(link)  // a repeat, dropped: in the same part, another, or one at a time
    }
    if generator.next(upTo: 500) == 0 {
      builder.appendLinks(part)
      part = []
      builder.appendLinks([])
    }
  }
  builder.appendLinks(part)
  let population = builder.build()
  var expected: [[PersonLink]] = Array(repeating: [], count: persons.count)
  for link in Set(added) { expected[link.from].append(link) }
  for p in expected.indices {
    expected[p].sort { ($0.relation, ids[$0.to]) < ($1.relation, ids[$1.to]) }
  }
  #expect(expected[5].count > 16 && expected[2_990].count > 16)
  #expect(expected.contains { $0.isEmpty } && expected.contains { $0.count == 1 })
  var mismatches = 0
  for p in persons.indices where Array(population.links(of: p)) != expected[p] { mismatches += 1 }
  #expect(mismatches == 0)
  #expect(population.links.count == Set(added).count)
}

/// When an id is not ASCII, linked ids are ordered as `String`s, not by their bytes: a
/// decomposed "é" (`e` + U+0301) sorts after "f" as a `String`, though its first byte is less.
@Test func linksToNonASCIIIdsAreOrderedAsStrings() throws {
  let schema = try tinyPack().schema
  var builder = PopulationBuilder(schema: schema)
  let a = builder.person("A")
  let decomposed = builder.person("e\u{301}x")
  let f = builder.person("f")
  for to in [decomposed, f] {
    builder.link(PersonLink(from: a, to: to, relation: 0), symmetric: false)
  }
  let population = builder.build()
  #expect(population.links(of: a).map { population.ids[$0.to] } == ["f", "e\u{301}x"])
}

/// `ids` with the ids at `i` and `i + 1` swapped.
private func swapped(_ ids: [String], at i: Int) -> [String] {
  var ids = ids
  ids.swapAt(i, i + 1)
  return ids
}

/// Numbers from a fixed seed (a 64-bit linear congruential generator), so a failure repeats.
private struct SeededNumbers {
  var state: UInt64

  init(seed: UInt64) { state = seed }

  /// A number in `0..<bound`.
  mutating func next(upTo bound: Int) -> Int {
    state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
    return Int((state >> 33) % UInt64(bound))
  }
}
