import Foundation
import SignpostServer
import Testing

/// A request body read by ``JSONInputParser``: each value keeps its JSON kind, and text that
/// is not JSON is refused.
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
    for text in [
      "{\"a\": ", "", " ", "{\"a\" 1}", "{\"a\": 1,}", "[1,]", "[1 2]", "01", "-", "1.", ".5",
      "1e", "+1", "tru", "nul", "\"a", "\"\\x\"", "\"\\u12\"", "\"\\ud800\"", "\"\u{1}\"",
      "{1: 2}", "[1]]", "1e999", "NaN",
      String(repeating: "[", count: 600) + String(repeating: "]", count: 600),
    ] {
      #expect(throws: TriageError.self, "\(text.prefix(20))") {
        try JSONInput.parse(Data(text.utf8))
      }
    }
    #expect(throws: TriageError.self) { try JSONInput.parse([0x22, 0xFF, 0x22]) }
  }

  /// Strings, escapes, numbers and nesting as RFC 8259 writes them.
  @Test func readsWhatJSONAllows() throws {
    let cases: [(String, JSONInput)] = [
      (#"  "a\"\\\/\b\f\n\r\t"  "#, .string("a\"\\/\u{8}\u{c}\n\r\t")),
      (#""\u00e9\u20AC\ud83d\ude00 é""#, .string("é€😀 é")),
      ("-0", .int(0)), ("-12", .int(-12)), ("9223372036854775807", .int(.max)),
      ("9223372036854775808", .double(9_223_372_036_854_775_808)), ("1.0", .int(1)),
      // Not rounded to Int64.min: a whole-number field refuses it (schemathesis, ST201). As a
      // Double it is -2^63, the nearest one.
      ("-9223372036854775809", .double(-0x1p63)),
      ("2.5e-1", .double(0.25)), ("-1E+2", .int(-100)),
      (#"{"a": 1, "a": 2}"#, .object(["a": .int(2)])),
      ("[[], {}, [null]]", .array([.array([]), .object([:]), .array([.null])])),
      (String(repeating: "[", count: 500) + String(repeating: "]", count: 500), nested(500)),
    ]
    for (text, expected) in cases {
      #expect(try JSONInput.parse(Data(text.utf8)) == expected, "\(text.prefix(20))")
    }
  }

  /// `depth` arrays, one inside the other.
  private func nested(_ depth: Int) -> JSONInput {
    (1..<depth).reduce(JSONInput.array([])) { inner, _ in .array([inner]) }
  }
}
