import Testing

@testable import SignpostSource

/// The line index: lines as the user's editor numbers them, whatever the line ends.
@Suite struct SourceFileTests {
  @Test func linesOfAnLFFileAndACRLFFileAreTheSame() {
    for text in ["a: 1\nb: é ✓\n\nc\n", "a: 1\r\nb: é ✓\r\n\r\nc\r\n"] {
      let file = SourceFile(path: "p.yaml", text: text)
      #expect(file.lineCount == 5)
      #expect((1...5).map { file.line($0).map(String.init) } == ["a: 1", "b: é ✓", "", "c", ""])
      #expect(file.line(0) == nil && file.line(6) == nil)
    }
  }

  @Test func aFileWithoutAFinalLineBreakEndsWithItsLastLine() {
    let file = SourceFile(path: "p.yaml", text: "x\ny\r")
    #expect(file.lineCount == 2)
    #expect(file.line(2) == "y")
  }

  @Test func anEmptyFileHasOneEmptyLine() {
    let file = SourceFile(path: "p.yaml", text: "")
    #expect(file.lineCount == 1)
    #expect(file.line(1) == "")
  }

  @Test func aCarriageReturnInsideALineIsKept() {
    let file = SourceFile(path: "p.yaml", text: "a\rb\nc")
    #expect(file.lineCount == 2)
    #expect(file.line(1) == "a\rb")
  }
}
