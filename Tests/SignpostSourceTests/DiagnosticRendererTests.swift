import Foundation
import SignpostSource
import Testing

@Test func rendersLocationSourceLineAndCaret() {
  let file = SourceFile(path: "pack/indicators.yaml", text: "id: a\nwhen: attendance < 0.9\n")
  let diagnostic = Diagnostic(
    id: "test", message: "something is wrong", file: file,
    range: SourceRange(
      start: SourceLocation(line: 2, column: 7), end: SourceLocation(line: 2, column: 17)))
  #expect(
    DiagnosticRenderer.render(diagnostic) == """
      pack/indicators.yaml:2:7: error: something is wrong
      when: attendance < 0.9
            ^~~~~~~~~~
      """)
}

@Test func sortsByPositionAndCountsErrors() {
  let file = SourceFile(path: "a.yaml", text: "x\ny\n")
  let late = Diagnostic(
    id: "t", message: "late", file: file, at: SourceLocation(line: 2, column: 1))
  let early = Diagnostic(
    id: "t", message: "early", file: file, at: SourceLocation(line: 1, column: 1))
  let text = DiagnosticRenderer.render([late, early])
  let lines = text.split(separator: "\n")
  #expect(lines.first == "a.yaml:1:1: error: early")
  #expect(lines.last == "2 errors generated.")
}

@Test func suggestsCloseNamesOnly() {
  #expect(Suggestions.closest(to: "pionts", in: ["points", "domain", "when"]) == "points")
  #expect(Suggestions.closest(to: "attendence", in: ["attendance", "age"]) == "attendance")
  #expect(Suggestions.closest(to: "zzz", in: ["points", "domain"]) == nil)
}

@Test func encodesAsJSONWithEscapes() throws {
  let diagnostic = Diagnostic(id: "x.y", message: "bad \"quote\"\n")
  let encoder = JSONEncoder()
  encoder.outputFormatting = .sortedKeys
  #expect(
    String(decoding: try encoder.encode([diagnostic]), as: UTF8.self)
      == #"[{"id":"x.y","message":"bad \"quote\"\n","severity":"error"}]"#)
  let file = SourceFile(path: "pack/a.yaml", text: "a: 1\n")
  let placed = Diagnostic(
    id: "x.z", message: "m", file: file, at: SourceLocation(line: 1, column: 4), notes: ["n"])
  #expect(
    String(decoding: try encoder.encode(placed), as: UTF8.self)
      == #"{"column":4,"file":"pack\/a.yaml","id":"x.z","line":1,"message":"m","notes":["n"],"severity":"error"}"#
  )
}

@Test func jsonTextEscapesQuotesBackslashesAndControlCharacters() {
  #expect(JSONText.string("a\"b\\c\n\u{1}") == #""a\"b\\c\n\u0001""#)
  #expect(JSONText.string("") == #""""#)
  #expect(JSONText.string("plain") == #""plain""#)
  #expect(JSONText.string("\u{1F}x\r\ty é😀\\") == #""\u001fx\r\ty é😀\\""#)
  var bytes = Array("[".utf8)
  JSONText.append("\"q\"", to: &bytes)
  #expect(String(decoding: bytes, as: UTF8.self) == #"["\"q\"""#)
}

@Test func sha256MatchesKnownDigests() {
  var empty = SHA256()
  empty.update([])
  #expect(empty.hexDigest() == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
  var abc = SHA256()
  abc.update(Array("abc".utf8))
  #expect(abc.hexDigest() == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
  // The same message fed in uneven pieces.
  let text = Array(String(repeating: "signpost", count: 100).utf8)
  var whole = SHA256()
  whole.update(text)
  var pieces = SHA256()
  pieces.update(text[0..<3])
  pieces.update(text[3..<130])
  pieces.update(text[130...])
  #expect(whole.hexDigest() == pieces.hexDigest())
  #expect(whole.hexDigest() == "1d01ea687b68dbda070b150504a1b7020b4278f3a4ab4dd3548af2e766ee43f0")
}

@Test func csvFieldsAreQuotedAndSafeFieldsNeutraliseFormulas() {
  #expect(CSVText.field("plain", safe: true) == "plain")
  #expect(CSVText.field("a,\"b\"", safe: false) == "\"a,\"\"b\"\"\"")
  #expect(CSVText.field("line\nbreak", safe: false) == "\"line\nbreak\"")
  #expect(CSVText.field("=1+2", safe: true) == "\"'=1+2\"")
  #expect(CSVText.field("-5", safe: true) == "\"'-5\"")
  #expect(CSVText.field("-5", safe: false) == "-5")
}

@Test func aDiagnosticIDIsItsPlainSpellingInJSON() throws {
  let id: DiagnosticID = "pack.test-status"
  let data = try JSONEncoder().encode([id])
  #expect(String(decoding: data, as: UTF8.self) == #"["pack.test-status"]"#)
  #expect(try JSONDecoder().decode([DiagnosticID].self, from: data) == [id])
  #expect("\(id)" == "pack.test-status")
}
