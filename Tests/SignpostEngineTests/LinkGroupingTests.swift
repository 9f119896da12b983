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
/// a part and across parts; a part's links start anywhere, or at the few persons of a window
/// (inside a range, or across two ranges' boundary), and its bounds are its links' least and
/// greatest persons or wider.
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
  /// Appends the part, with bounds that hold its links' persons.
  func appendPart() {
    let starts = part.map(\.from)
    let widen = generator.next(upTo: 2) == 0 ? 50 : 0
    let least = max(0, (starts.min() ?? 0) - generator.next(upTo: widen + 1))
    let greatest = min(persons.count - 1, (starts.max() ?? 0) + generator.next(upTo: widen + 1))
    builder.appendLinks(part, from: least...greatest)
    part = []
  }
  // The persons the next part's links start at: anywhere, or a window of 40.
  var window: Range<Int>?
  for _ in 0..<20_000 {
    // Person 5 and 2_990 have many links (the stdlib sort); many others have a few.
    let from =
      if let window {
        window.lowerBound + generator.next(upTo: window.count)
      } else if generator.next(upTo: 10) == 0 {
        [5, 2_990][generator.next(upTo: 2)]
      } else {
        generator.next(upTo: persons.count)
      }
    var to = generator.next(upTo: persons.count)
    if to == from { to = (to + 1) % persons.count }
    let link = PersonLink(from: from, to: to, relation: generator.next(upTo: relations))
    added.append(link)
    add(link)
    if generator.next(upTo: 8) == 0 {
      add(link)  // a repeat, dropped: in the same part, another, or one at a time
    }
    if generator.next(upTo: 200) == 0 {
      appendPart()
      builder.appendLinks([], from: 0...0)
      // Anywhere; across the two ranges' boundary (on two cores); ending at its first
      // person or starting at the last before it; at the end.
      let middle = persons.count / 2
      let start = [
        generator.next(upTo: persons.count - 40), middle - 20, middle - 39, middle - 1,
        persons.count - 40,
      ][generator.next(upTo: 5)]
      window = generator.next(upTo: 3) == 0 ? nil : start..<start + 40
    }
  }
  appendPart()
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

/// Links grouped in any number of ranges (each placed from the most links the ranges before
/// it can hold, then moved together) are one sort of all links by person, relation and linked
/// id with repeats dropped, and the tasks run alongside run once each: parts reaching one
/// range, several, or all (their links anywhere), links marked as standing also for their
/// reverses (a links chunk's symmetric relations), ids of eight bytes and of other lengths,
/// ascending with the persons, not, or but for two in the first range (linked to from every
/// range), and no links at all.
@Test(arguments: [1, 2, 3, 7, 64])
func linksGroupedInAnyNumberOfRangesMatchOneSortAndRunTheTasksBeside(ranges: Int) {
  var generator = SeededNumbers(seed: UInt64(ranges))
  for (trial, ids) in [
    (0..<2_000).map { "Q\(1_000_000 + $0)" },
    (0..<2_000).map { "Q\(($0 * 7_919) % 10_007)" },
    (0..<2_000).map { "Q\(1_000_000 + $0)" },
    swapped((0..<2_000).map { "Q\(1_000_000 + $0)" }, at: 3),
    (0..<2_000).map { "Q\(1_000_000 + $0)" },
  ].enumerated() {
    // The last: parts in windows only, most links marked, so the ranges' room is tight (no
    // wide part counted in every range) and a range placed before counting the reverses
    // of the ranges before it would write over their links.
    let narrow = trial == 4
    var index = PersonIndex()
    for id in ids { _ = index.insert(id) }
    var parts: [LinkGrouping.Part] = []
    var all: [PersonLink] = []
    for _ in 0..<(trial == 2 ? 0 : 150) {
      let start = generator.next(upTo: ids.count - 30)
      let wide = !narrow && generator.next(upTo: 4) == 0
      // A part's link to a person its links start at may stand for its reverse too.
      let links = (0..<generator.next(upTo: 60)).map { _ in
        let from = wide ? generator.next(upTo: ids.count) : start + generator.next(upTo: 30)
        let near = start + generator.next(upTo: 30)
        let to =
          near != from && (narrow || generator.next(upTo: 3) == 0)
          ? near : (from + 1 + generator.next(upTo: ids.count - 1)) % ids.count
        let link = PersonLink(from: from, to: to, relation: generator.next(upTo: 3))
        return (wide || to == near) && generator.next(upTo: 2) == 0 ? link.addingReverse : link
      }
      let repeated = links + links.prefix(generator.next(upTo: 5))
      all += standingFor(repeated)
      let starts = standingFor(repeated).map(\.from)
      parts.append(
        LinkGrouping.Part(
          links: repeated,
          from: wide ? 0...ids.count - 1 : (starts.min() ?? start)...(starts.max() ?? start)))
    }
    if trial == 3 {
      // Ids in order but for persons 3 and 4 (in the first range): persons of every range
      // link to both, so each range must see that not all ids ascend.
      let links = [0, 1_000, 1_999].flatMap { from in
        [3, 4].map { PersonLink(from: from, to: $0, relation: 1) }
      }
      all += links
      parts.append(LinkGrouping.Part(links: links, from: 0...1_999))
    }
    let ran = SharedBuffer<Int>(repeating: 0, count: 5)
    let (grouped, offsets) = LinkGrouping.group(
      parts, persons: ids.count, index: index, ids: ids, ranges: ranges, alongside: 5
    ) { ran[$0] += 1 }
    var expected: [[PersonLink]] = Array(repeating: [], count: ids.count)
    for link in Set(all) { expected[link.from].append(link) }
    for p in expected.indices {
      expected[p].sort { ($0.relation, ids[$0.to]) < ($1.relation, ids[$1.to]) }
    }
    if trial != 2 { #expect(parts.contains { $0.links.contains(where: \.addsReverse) }) }
    #expect(ran.array == [1, 1, 1, 1, 1])
    #expect(offsets.count == ids.count + 1 && offsets.last == Int32(grouped.count))
    #expect(grouped.count == Set(all).count)
    var mismatches = 0
    for p in ids.indices
    where Array(grouped[Int(offsets[p])..<Int(offsets[p + 1])]) != expected[p] {
      mismatches += 1
    }
    #expect(mismatches == 0)
  }
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

/// The links that `links` stand for: each marked one unmarked, then its reverse.
private func standingFor(_ links: [PersonLink]) -> [PersonLink] {
  links.flatMap { $0.addsReverse ? [$0.unmarked, $0.unmarked.reverse] : [$0] }
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

/// A links chunk's links split into those that start near its rows' own persons and the
/// rest: every link is in one part, each part's bounds hold the persons its links start at,
/// each person's links keep their order (all in one part), and a link starting far from the
/// rows' persons is never in the near part; the near part keeps one link a row (a symmetric
/// relation's reverse stands in its link unless it strays). Rows in a file's order (a person's rows
/// together), with links to the persons beside them, to far persons (whose reverses stray)
/// or to anyone (a file out of order), symmetric relations and not.
@Test func aLinksChunksPartsHoldItsLinksInOrderWithBoundsAroundThem() {
  var generator = SeededNumbers(seed: 5)
  let symmetric = [true, false]
  var split = 0
  for trial in 0..<60 {
    var chunk = LinkChunk(path: "links.csv", records: 64)
    let start = 200 + generator.next(upTo: 10_000)
    var taken: [PersonLink] = []
    for line in 0..<generator.next(upTo: 300) {
      let from = trial % 4 == 0 ? generator.next(upTo: 20_000) : start + line / 3
      let to =
        generator.next(upTo: 10) == 0
        ? generator.next(upTo: 20_000) : from + 1 + generator.next(upTo: 8)
      guard to != from else { continue }
      let relation = generator.next(upTo: 2)
      chunk.take(line: line, from: from, to: to, relation: relation, symmetric: symmetric)
      taken.append(PersonLink(from: from, to: to, relation: relation))
      if symmetric[relation] { taken.append(PersonLink(from: to, to: from, relation: relation)) }
    }
    let rows = chunk.links.count
    chunk.separate()
    let parts = chunk.parts.map { LinkGrouping.Part(links: standingFor($0.links), from: $0.from) }
    #expect(parts.allSatisfy { part in part.links.allSatisfy { part.from.contains($0.from) } })
    #expect(parts.allSatisfy { !$0.links.isEmpty })
    // One link kept a row, a reverse written out only when it strays.
    #expect(chunk.parts.first.map(\.links.count) ?? 0 == rows)
    #expect(chunk.parts.dropFirst().allSatisfy { !$0.links.contains(where: \.addsReverse) })
    let byPerson = { (links: [PersonLink]) in Dictionary(grouping: links, by: \.from) }
    #expect(byPerson(parts.flatMap(\.links)) == byPerson(taken))
    let partOf = parts.indices.flatMap { p in parts[p].links.map { ($0.from, p) } }
    #expect(Dictionary(partOf, uniquingKeysWith: max) == Dictionary(partOf, uniquingKeysWith: min))
    if parts.count == 2 {
      split += 1
      #expect(parts[1].links.allSatisfy { !parts[0].from.contains($0.from) })
    }
  }
  #expect(split > 10)
}
