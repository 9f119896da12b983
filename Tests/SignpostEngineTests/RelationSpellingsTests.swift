import Testing

@testable import SignpostEngine

/// A links row's relation text is read as the source's code for a relation, else as a
/// relation's name, whether its length is one only one code or name has (told by one compare),
/// one several have, or over 16 bytes (looked up): every code and name, each with every byte
/// changed, cut short or made longer, the empty text, a code that is also a name (the code
/// wins) and one that means no relation (read as a name, or as none).
@Test func relationTextsAreReadAsCodesThenNames() {
  let names = ["sibling", "carer", "household", "co_offender", "parent_carer_of_record_xy"]
  let codes: [(code: String, relation: Int?)] = [
    ("S", 0), ("C", 1), ("X", nil), ("carer", 0), ("sibling", nil), ("HH", 2), ("CO", 3),
    ("parent_carer_of_record_xz", 4), ("0123456789abcdef", 1), ("0123456789abcdeg", nil),
  ]
  let spellings = RelationSpellings(names: names, codes: codes)
  let (nameSpellings, codeSpellings) = (ByteSpellings(names), ByteSpellings(codes.map(\.code)))
  /// The relation as the codes, then the names, give it.
  func expected(_ text: [UInt8]) -> Int? {
    text.withUnsafeBufferPointer { field in
      codeSpellings.firstIndex(of: field).flatMap { codes[$0].relation }
        ?? nameSpellings.firstIndex(of: field)
    }
  }
  var texts: [[UInt8]] = [[]]
  for spelling in names + codes.map(\.code) {
    let bytes = Array(spelling.utf8)
    texts += [bytes, bytes + [0x61], Array(bytes.dropLast()), Array(bytes.dropFirst())]
    for i in bytes.indices {
      var changed = bytes
      changed[i] ^= 0x01
      texts.append(changed)
    }
  }
  var mismatches: [String] = []
  for text in texts where text.withUnsafeBufferPointer(spellings.relation) != expected(text) {
    mismatches.append(String(decoding: text, as: UTF8.self))
  }
  #expect(mismatches.isEmpty)
  func relation(_ text: String) -> Int? {
    Array(text.utf8).withUnsafeBufferPointer(spellings.relation)
  }
  #expect(relation("carer") == 0 && relation("sibling") == 0 && relation("X") == nil)
  #expect(relation("household") == 2 && relation("C") == 1 && relation("carex") == nil)
  #expect(relation("0123456789abcdeg") == nil && relation("0123456789abcdef") == 1)
  #expect(relation("parent_carer_of_record_xz") == 4 && relation("") == nil)
}
