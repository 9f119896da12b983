import SignpostEngine
import SignpostTestSupport
import Testing

/// Ids of every length around the eight-byte words the index hashes and compares, many
/// sharing all but one byte, get dense indices in the order first seen; a second insert finds
/// the first, and ids never inserted are not found, through every growth of the table.
@Test func personIndexInternsIdsOfEveryLengthInFirstSeenOrder() {
  var index = PersonIndex()
  var ids: [String] = []
  for n in 0..<20_000 {
    let id = String(repeating: "x", count: n % 19) + "\(n)"
    ids.append(id)
    let (p, inserted) = index.insert(id)
    #expect(p == n && inserted)
  }
  #expect(index.count == ids.count)
  for (n, id) in ids.enumerated() {
    #expect(index.index(of: id) == n)
    #expect(index.insert(id) == (n, false))
    #expect(index.id(n) == id)
    #expect(index.index(of: id + "!") == nil)
  }
  #expect(index.index(of: "") == nil)
  #expect(index.insert("") == (ids.count, true))
  #expect(index.index(of: "") == ids.count)
}

/// A person's links come out ordered by relation, then by the linked person's id (not the
/// order they were added in or the persons' positions), with repeats dropped and symmetric
/// relations given their reverse.
@Test func linksAreGroupedByPersonOrderedByRelationAndLinkedIdWithoutRepeats() throws {
  let schema = try tinyPack().schema
  let sibling = try #require(schema.relations.firstIndex { $0.name == "sibling" })
  let peer = try #require(schema.relations.firstIndex { $0.name == "peer" })
  #expect(sibling < peer, "the schema declares sibling first")
  var builder = PopulationBuilder(schema: schema)
  let (c, a, d, b) = (
    builder.person("C"), builder.person("A"), builder.person("D"), builder.person("B")
  )
  for (from, to, relation) in [
    (c, d, peer), (c, b, sibling), (c, a, peer), (d, c, peer), (c, b, sibling), (a, b, sibling),
  ] {
    builder.link(PersonLink(from: from, to: to, relation: relation), symmetric: true)
  }
  let population = builder.build()
  func links(_ p: Int) -> [String] {
    population.links(of: p).map { "\(schema.relations[$0.relation].name) \(population.ids[$0.to])" }
  }
  #expect(links(c) == ["sibling B", "peer A", "peer D"])
  #expect(links(a) == ["sibling B", "peer C"])
  #expect(links(b) == ["sibling A", "sibling C"])
  #expect(links(d) == ["peer C"])
}
