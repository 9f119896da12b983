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

@Test func rendersJSONWithEscapes() {
  let diagnostic = Diagnostic(id: "x.y", message: "bad \"quote\"\n")
  #expect(
    DiagnosticRenderer.renderJSON([diagnostic])
      == #"[{"id":"x.y","severity":"error","message":"bad \"quote\"\n"}]"#)
}
