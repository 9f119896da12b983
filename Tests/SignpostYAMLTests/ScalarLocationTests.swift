import SignpostSource
import SignpostYAML
import Testing

@Suite struct ScalarLocationTests {
  /// The value node of `expr` in `text`, after checking that every character of its value that
  /// is not a folded line break is found in the file where `location(ofOffset:)` says, and that
  /// locations never go backwards.
  private func expression(
    _ text: String, sourceLocation: Testing.SourceLocation = #_sourceLocation
  ) throws -> YAMLNode {
    let root = try #require(parseClean(text, sourceLocation: sourceLocation))
    let node = try #require(root["expr"], sourceLocation: sourceLocation)
    let value = Array(
      try #require(node.scalar, sourceLocation: sourceLocation).value.unicodeScalars)
    var previous = node.location(ofOffset: 0)
    for (offset, char) in value.enumerated() {
      let location = node.location(ofOffset: offset)
      #expect(previous <= location, "offset \(offset)", sourceLocation: sourceLocation)
      previous = location
      if char != " ", char != "\n" {
        #expect(
          character(at: location, in: node.file) == char, "offset \(offset)",
          sourceLocation: sourceLocation)
      }
    }
    return node
  }

  private func character(at location: SignpostSource.SourceLocation, in file: SourceFile)
    -> Unicode.Scalar?
  {
    file.line(location.line)?.unicodeScalars.dropFirst(location.column - 1).first
  }

  @Test func plainSingleLine() throws {
    let node = try expression("expr: a + b\n")
    #expect(node.location(ofOffset: 0) == at(1, 7))
    #expect(node.location(ofOffset: 4) == at(1, 11))
    #expect(node.location(ofOffset: 5) == at(1, 12))
    // Offsets outside the value are clamped to it.
    #expect(node.location(ofOffset: 99) == at(1, 12))
    #expect(node.location(ofOffset: -3) == at(1, 7))
  }

  @Test func plainMultiLine() throws {
    let node = try expression(
      """
      expr: a &&
        b.c ||

          d
      next: 1
      """)
    #expect(node.scalar?.value == "a && b.c ||\nd")
    #expect(node.location(ofOffset: 4) == at(1, 11))
    #expect(node.location(ofOffset: 5) == at(2, 3))
    #expect(node.location(ofOffset: 11) == at(3, 1))
    #expect(node.location(ofOffset: 12) == at(4, 5))
    #expect(node.location(ofOffset: 13) == at(4, 6))
  }

  @Test func plainInFlowSequence() throws {
    let root = try #require(parseClean("expr: [a + b, 'c']\n"))
    let items = try #require(root["expr"]?.items)
    #expect(items[0].location(ofOffset: 4) == at(1, 12))
    #expect(items[1].location(ofOffset: 0) == at(1, 16))
  }

  @Test func singleQuoted() throws {
    let node = try expression("expr: 'it''s x'\n")
    #expect(node.scalar?.value == "it's x")
    #expect(node.location(ofOffset: 0) == at(1, 8))
    #expect(node.location(ofOffset: 2) == at(1, 10))
    #expect(node.location(ofOffset: 3) == at(1, 12))
    #expect(node.location(ofOffset: 5) == at(1, 14))
    #expect(node.location(ofOffset: 6) == at(1, 15))
  }

  @Test func singleQuotedMultiLine() throws {
    let node = try expression("expr: 'a ==\n   b'\n")
    #expect(node.scalar?.value == "a == b")
    #expect(node.location(ofOffset: 5) == at(2, 4))
  }

  @Test func doubleQuotedWithEscapes() throws {
    let node = try #require(parseClean(#"expr: "say \"hi\" \u00e9!""# + "\n")?["expr"])
    #expect(node.scalar?.value == "say \"hi\" é!")
    #expect(node.location(ofOffset: 0) == at(1, 8))
    #expect(node.location(ofOffset: 4) == at(1, 12))
    #expect(node.location(ofOffset: 5) == at(1, 14))
    #expect(node.location(ofOffset: 9) == at(1, 19))
    #expect(node.location(ofOffset: 10) == at(1, 25))
    #expect(node.location(ofOffset: 11) == at(1, 26))
  }

  @Test func doubleQuotedMultiLineWithEscapedBreak() throws {
    let node = try expression(
      #"""
      expr: "one \
        two
        three"
      """#)
    #expect(node.scalar?.value == "one two three")
    #expect(node.location(ofOffset: 4) == at(2, 3))
    #expect(node.location(ofOffset: 8) == at(3, 3))
    #expect(node.location(ofOffset: 13) == at(3, 8))
  }

  @Test func literalBlock() throws {
    let node = try expression(
      ["expr: |", "  first line", "    indented", "  ", "  last", "next: 1"].joined(separator: "\n")
    )
    #expect(node.scalar?.value == "first line\n  indented\n\nlast\n")
    #expect(node.location(ofOffset: 0) == at(2, 3))
    #expect(node.location(ofOffset: 10) == at(2, 13))
    #expect(node.location(ofOffset: 11) == at(3, 3))
    #expect(node.location(ofOffset: 13) == at(3, 5))
    #expect(node.location(ofOffset: 23) == at(5, 3))
  }

  @Test func literalBlockWithIndicators() throws {
    let strip = try expression("expr: |2-\n    code\n  end\nnext: 1\n")
    #expect(strip.scalar?.value == "  code\nend")
    #expect(strip.location(ofOffset: 0) == at(2, 3))
    #expect(strip.location(ofOffset: 2) == at(2, 5))
    #expect(strip.location(ofOffset: 7) == at(3, 3))
    #expect(strip.location(ofOffset: 10) == at(3, 6))

    let keep = try expression("expr: |+ # kept\n  a\n\nnext: 1\n")
    #expect(keep.scalar?.value == "a\n\n")
    #expect(keep.location(ofOffset: 0) == at(2, 3))
    #expect(keep.location(ofOffset: 2) == at(3, 1))

    let nested = try #require(parseClean("- expr: |1\n    x\n")?.items?.first?["expr"])
    #expect(nested.scalar?.value == " x\n")
    #expect(nested.location(ofOffset: 1) == at(2, 5))
  }

  @Test func foldedBlock() throws {
    let node = try expression(
      """
      expr: >
        one
        two

        three
          indented
        four
      next: 1
      """)
    #expect(node.scalar?.value == "one two\nthree\n  indented\nfour\n")
    #expect(node.location(ofOffset: 4) == at(3, 3))
    #expect(node.location(ofOffset: 8) == at(5, 3))
    #expect(node.location(ofOffset: 16) == at(6, 5))
    #expect(node.location(ofOffset: 25) == at(7, 3))
  }

  @Test func taggedScalars() throws {
    #expect(try expression("expr: !!str a + b\n").location(ofOffset: 0) == at(1, 13))
    #expect(try expression("expr: !!str\n  a + b\n").location(ofOffset: 0) == at(2, 3))
    #expect(try expression("expr: !!str \"x\"\n").location(ofOffset: 0) == at(1, 14))
  }

  @Test func crlfFile() throws {
    let node = try expression("expr: |\r\n  a\r\n  b\r\nnext: 1\r\n")
    #expect(node.scalar?.value == "a\nb\n")
    #expect(node.location(ofOffset: 2) == at(3, 3))
  }

  @Test func emptyValues() throws {
    let root = try #require(parseClean("a: ''\nb:\nc: |\n"))
    #expect(root["a"]?.location(ofOffset: 0) == at(1, 5))
    #expect(root["b"]?.location(ofOffset: 0) == at(2, 3))
    #expect(root["c"]?.location(ofOffset: 0) == at(3, 4))
  }

  @Test func fallsBackWhereTheTextDoesNotMatch() {
    // A value that the file does not spell: exact up to "abc", then the place they part.
    let file = SourceFile(path: "pack.yaml", text: "expr: abcdef\n")
    let node = YAMLNode(
      kind: .scalar(YAMLScalar(value: "abcXYZ", style: .plain)),
      range: SourceRange(start: at(1, 7), end: at(1, 13)), file: file)
    #expect(node.location(ofOffset: 2) == at(1, 9))
    #expect(node.location(ofOffset: 3) == at(1, 10))
    #expect(node.location(ofOffset: 5) == at(1, 10))
    #expect(node.location(ofOffset: 6) == at(1, 10))
  }

  @Test func collectionsGiveTheirStart() throws {
    let root = try #require(parseClean("expr:\n  - a\n"))
    #expect(root["expr"]?.location(ofOffset: 3) == at(2, 3))
  }
}
