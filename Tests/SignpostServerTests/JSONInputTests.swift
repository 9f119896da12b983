import Foundation
import SignpostServer
import Testing

/// A body keeps each value's JSON kind whatever order the kinds are tried in.
@Suite struct JSONInputTests {
  @Test func keepsEveryKind() throws {
    let body =
      #"{"a": 1, "b": 1.5, "c": "1", "d": true, "e": null, "f": [0, false], "g": {"h": "x"}, "i": 1e2}"#
    #expect(
      try JSONInput.parse(Data(body.utf8))
        == .object([
          "a": .int(1), "b": .double(1.5), "c": .string("1"), "d": .bool(true), "e": .null,
          "f": .array([.int(0), .bool(false)]), "g": .object(["h": .string("x")]),
          "i": .int(100),
        ]))
  }

  @Test func rejectsWhatIsNotJSON() {
    #expect(throws: TriageError.self) { try JSONInput.parse(Data("{\"a\": ".utf8)) }
  }
}
