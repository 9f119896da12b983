import SignpostEngine
import SignpostTestSupport
import Testing

/// A links file lists a person's links together, and the reader reuses a row's own-id lookup
/// for the rows after it with the same id: runs of a known id, of an unknown one, of one with
/// a space, of ids longer and shorter than eight bytes, and an id that only shares a prefix
/// with the row before, are each joined or rejected exactly as when looked up one by one,
/// with repeats (both ways, for a symmetric relation) kept once.
@Test func runsOfOneOwnIdAreJoinedAndRejectedAsRowByRow() throws {
  let fixture = try PackFixture(
    schema: """
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
      """)
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
