import Foundation
import SignpostEngine
import SignpostTestSupport
import Testing

/// A links file lists a person's links together, and the reader reuses a row's own-id lookup
/// for the rows after it with the same id: runs of a known id, of an unknown one, of one with
/// a space, of ids longer and shorter than eight bytes, and an id that only shares a prefix
/// with the row before, are each joined or rejected exactly as when looked up one by one,
/// with repeats (both ways, for a symmetric relation) kept once.
@Test func runsOfOneOwnIdAreJoinedAndRejectedAsRowByRow() throws {
  let fixture = try PackFixture(schema: siblingsAndCarers)
  defer { fixture.remove() }
  let result = try fixture.read([
    "people.csv": "person_id,ward\nP0000001,N\nP0000002,S\nP00000023,E\nQ,W\nP000000,X\n",
    "links.csv": """
    person_id,linked_person_id,relation
    P0000001,P0000002,sibling
    P0000001,P00000023,carer
    P0000001,P0000002,sibling
    P0000009,P0000001,sibling
    P0000009,P0000002,carer
    P00000023,P0000001,carer
    P00000023,Q,cousin
    P00000023,P00000023,sibling
    P0000001 ,Q,sibling
    P0000001 ,P000000,sibling
    P000000,P0000001,carer
    Q,P0000002,sibling
    Q,P0000001,sibling
    P0000002,P0000001,sibling

    """,
  ])
  #expect(
    result.rejects.map(\.description) == [
      "links.csv:5: person_id: unknown person id 'P0000009'",
      "links.csv:6: person_id: unknown person id 'P0000009'",
      "links.csv:8: relation: 'cousin' is not a known relation (expected one of sibling, carer)",
      "links.csv:9: linked_person_id: a person cannot be linked to themselves",
      "links.csv:10: person_id: the id 'P0000001 ' ends with a space",
      "links.csv:11: person_id: the id 'P0000001 ' ends with a space",
    ])
  let population = result.population
  let relations = try fixture.compile().get().schema.relations.map(\.name)
  func links(_ id: String) throws -> [String] {
    let p = try #require(population.index(of: id))
    return population.links(of: p).map {
      "\(relations[$0.relation]) \(population.ids[$0.to])"
    }
  }
  #expect(try links("P0000001") == ["sibling P0000002", "sibling Q", "carer P00000023"])
  #expect(try links("P0000002") == ["sibling P0000001", "sibling Q"])
  #expect(try links("P00000023") == ["carer P0000001"])
  #expect(try links("P000000") == ["carer P0000001"])
  #expect(try links("Q") == ["sibling P0000001", "sibling P0000002"])
  let file = try #require(result.files.first { $0.path == "links.csv" })
  #expect((file.rowsRead, file.rowsUsed, file.rowsRejected) == (14, 8, 6))
}

/// Link ids of eight bytes are kept as words, others as bytes: a links file mixing both,
/// in several chunks, with unknown ids, repeats and runs of one own id of every length,
/// joins and rejects each row as the general path would.
@Test func linkIdsOfEightBytesAndOfOtherLengthsJoinAlike() throws {
  let fixture = try PackFixture(schema: siblingsAndCarers)
  defer { fixture.remove() }
  // Ids of 8 (P), 7 (Q) and 9 (R) bytes.
  let ids = (0..<300).map { i in
    switch i % 3 {
    case 0: "P\(String(format: "%07d", i))"
    case 1: "Q\(String(format: "%06d", i))"
    default: "R\(String(format: "%08d", i))"
    }
  }
  var people = "person_id,ward\n"
  for id in ids { people += "\(id),W\n" }
  var links = "person_id,linked_person_id,relation\n"
  var expected: [String] = []
  var line = 1
  var pairs: Set<[String]> = []
  for n in 0..<60_000 {
    let from = ids[(n / 4) % ids.count]
    let to = ids[(n * 7 + 1) % ids.count]
    line += 1
    if n % 997 == 3 {
      links += "\(from),S\(String(format: "%07d", n)),sibling\n"
      expected.append(
        "links.csv:\(line): linked_person_id: unknown person id 'S\(String(format: "%07d", n))'")
      continue
    }
    if n % 1009 == 5 {
      links += "T\(String(format: "%07d", n)),\(to),carer\n"
      expected.append(
        "links.csv:\(line): person_id: unknown person id 'T\(String(format: "%07d", n))'")
      continue
    }
    links += "\(from),\(to),\(n % 2 == 0 ? "sibling" : "carer")\n"
    if from == to {
      expected.append(
        "links.csv:\(line): linked_person_id: a person cannot be linked to themselves")
      continue
    }
    pairs.insert([from, to, n % 2 == 0 ? "sibling" : "carer"])
    if n % 2 == 0 { pairs.insert([to, from, "sibling"]) }
  }
  #expect(links.utf8.count > 1 << 20)  // several chunks
  let result = try fixture.read(["people.csv": people, "links.csv": links])
  #expect(result.rejects.map(\.description) == expected)
  let population = result.population
  let relations = ["sibling", "carer"]
  var found: Set<[String]> = []
  for p in 0..<population.count {
    for link in population.links(of: p) {
      found.insert([population.ids[p], population.ids[link.to], relations[link.relation]])
    }
  }
  #expect(found == pairs)
  #expect(population.links.count == pairs.count)
  let file = try #require(result.files.first { $0.path == "links.csv" })
  #expect(file.reconciles)
  #expect(file.rowsRejected == expected.count)
}

/// Most rows of a links file in the people file's order are joined beside the persons just
/// found, with no lookup; every other row is looked up in full. A file of families (links to
/// the next few persons and the one before), in several chunks, with far links, unknown and
/// lower-case ids on either side, an own id with a space, self links, repeats, unknown
/// relations and own ids that jump back, joins and rejects each row as a plain model of the
/// rules does — and so does the same file with its rows shuffled (no longer in that order).
@Test func linksBesideThePersonsJustFoundJoinAsLookedUp() throws {
  let fixture = try PackFixture(schema: siblingsAndCarers)
  defer { fixture.remove() }
  // Ids of 8 bytes, and every seventh of 11.
  let ids = (0..<12_000).map { i in
    i % 7 == 3 ? "PX\(String(format: "%09d", i))" : "P\(String(format: "%07d", i))"
  }
  let index = Dictionary(uniqueKeysWithValues: ids.enumerated().map { ($1, $0) })
  var people = "person_id,ward\n"
  for id in ids { people += "\(id),W\n" }
  var generator = SeededLCG(seed: 11)
  var rows: [(from: String, to: String, relation: String)] = []
  for p in ids.indices {
    let family = Int(generator.next() % 5)
    for distance in 0..<family {
      let relation = generator.next() % 3 == 0 ? "carer" : "sibling"
      var to = ids[min(ids.count - 1, p + 1 + distance)]
      switch generator.next() % 40 {
      case 0: to = ids[Int(generator.next() % UInt64(ids.count))]  // far
      case 1: to = ids[max(0, p - 1)]  // the one before
      case 2: to = "U\(p)"  // unknown
      case 3: to = to.lowercased()  // another case
      case 4: to = ids[p]  // themselves
      default: break
      }
      rows.append((ids[p], to, generator.next() % 97 == 0 ? "cousin" : relation))
      if generator.next() % 50 == 0 { rows.append(rows[rows.count - 1]) }  // repeated
    }
    switch generator.next() % 200 {
    case 0: rows.append(("V\(p)", ids[p], "sibling"))  // an unknown own id
    case 1: rows.append((ids[p] + " ", ids[p], "sibling"))  // with a space
    case 2: rows.append((ids[p / 2], ids[p / 2 + 1], "sibling"))  // back to an earlier person
    default: break
    }
  }
  for shuffled in [false, true] {
    if shuffled { rows.shuffle(using: &generator) }
    var links = "person_id,linked_person_id,relation\n"
    var expectedRejects: [String] = []
    var expectedLinks: Set<[String]> = []
    for (n, row) in rows.enumerated() {
      links += "\(row.from),\(row.to),\(row.relation)\n"
      let line = "links.csv:\(n + 2): "
      if index[row.from] == nil {
        expectedRejects.append(
          line
            + (row.from.hasSuffix(" ")
              ? "person_id: the id '\(row.from)' ends with a space"
              : "person_id: unknown person id '\(row.from)'"))
      } else if index[row.to] == nil {
        expectedRejects.append(line + "linked_person_id: unknown person id '\(row.to)'")
      } else if row.relation == "cousin" {
        expectedRejects.append(
          line + "relation: 'cousin' is not a known relation (expected one of sibling, carer)")
      } else if row.from == row.to {
        expectedRejects.append(line + "linked_person_id: a person cannot be linked to themselves")
      } else {
        expectedLinks.insert([row.from, row.to, row.relation])
        if row.relation == "sibling" { expectedLinks.insert([row.to, row.from, "sibling"]) }
      }
    }
    #expect(links.utf8.count > 1 << 18)  // several chunks
    let result = try fixture.read(["people.csv": people, "links.csv": links])
    #expect(result.rejects.map(\.description) == expectedRejects, "shuffled: \(shuffled)")
    let population = result.population
    let relations = ["sibling", "carer"]
    var found: [[String]] = []
    for p in 0..<population.count {
      for link in population.links(of: p) {
        found.append([population.ids[p], population.ids[link.to], relations[link.relation]])
      }
    }
    #expect(Set(found) == expectedLinks, "shuffled: \(shuffled)")
    #expect(found.count == expectedLinks.count)
    let file = try #require(result.files.first { $0.path == "links.csv" })
    #expect(file.reconciles)
    #expect(file.rowsRejected == expectedRejects.count)
  }
}

/// A seeded linear congruential generator (Knuth's MMIX constants), so that the file is the
/// same on every run.
private struct SeededLCG: RandomNumberGenerator {
  var state: UInt64
  init(seed: UInt64) { state = seed }
  mutating func next() -> UInt64 {
    state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
    return state ^ (state >> 29)
  }
}

/// People with a ward, and links between them as siblings (symmetric) or carers.
private let siblingsAndCarers = """
  person:
    fields:
      ward: { type: string, source: council }
  relations:
    sibling: { symmetric: true }
    carer: { symmetric: false }
  sources:
    council:
      gateway: test
      tables:
        - { kind: person, path: people.csv }
        - { kind: links, path: links.csv }
  """

/// A row whose own and linked ids are both quoted with `""` inside (ids holding a `"`) joins
/// both as written, and an unknown relation so quoted is named as written: no field's
/// unescaped bytes are overwritten by the next's.
@Test func quotedIdsWithQuotesInsideJoinAsWritten() throws {
  let fixture = try PackFixture(schema: siblingsAndCarers)
  defer { fixture.remove() }
  let result = try fixture.read([
    "people.csv": "person_id,ward\n\"A\"\"1\",N\n\"B\"\"2\",S\nC3,E\n",
    "links.csv": """
    person_id,linked_person_id,relation
    "A""1","B""2",carer
    "A""1",C3,carer
    C3,"B""2",carer
    "B""2","B""2",carer
    "A""1","B""2","co""usin"

    """,
  ])
  #expect(
    result.rejects.map(\.description) == [
      "links.csv:5: linked_person_id: a person cannot be linked to themselves",
      "links.csv:6: relation: 'co\"usin' is not a known relation (expected one of sibling, carer)",
    ])
  let population = result.population
  func links(_ id: String) throws -> [String] {
    let p = try #require(population.index(of: id))
    return population.links(of: p).map { population.ids[$0.to] }
  }
  #expect(try links("A\"1") == ["B\"2", "C3"])
  #expect(try links("C3") == ["B\"2"])
}
