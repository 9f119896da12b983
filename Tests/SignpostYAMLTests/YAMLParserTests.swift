import SignpostSource
import SignpostYAML
import Testing

@Suite struct YAMLParserTests {
  @Test func buildsTreeWithPositions() throws {
    let node = try #require(
      parseClean(
        """
        name: demo
        tags: [a, "b"]
        nested:
          - key: |
              text
          - !!str 12
        """))
    let pairs = try #require(node.pairs)
    #expect(pairs.map(\.keyText) == ["name", "tags", "nested"])
    #expect(pairs[0].key.range == SourceRange(start: at(1, 1), end: at(1, 5)))
    #expect(pairs[0].value.range == SourceRange(start: at(1, 7), end: at(1, 11)))
    #expect(pairs[0].value.scalar == YAMLScalar(value: "demo", style: .plain))

    let tags = try #require(node["tags"])
    #expect(tags.range == SourceRange(start: at(2, 7), end: at(2, 15)))
    #expect(tags.items?.map { $0.scalar?.style } == [.plain, .doubleQuoted])
    #expect(tags.items?.map { $0.scalar?.value } == ["a", "b"])

    let nested = try #require(node["nested"]?.items)
    #expect(nested.count == 2)
    let block = try #require(nested[0]["key"])
    #expect(block.scalar == YAMLScalar(value: "text\n", style: .literal))
    #expect(block.range.start == at(4, 10))
    #expect(
      nested[1].scalar == YAMLScalar(value: "12", style: .plain, tag: "tag:yaml.org,2002:str"))
    #expect(nested[1].file.path == "pack.yaml")
  }

  @Test func emptyFileIsAnEmptyMapping() {
    for text in ["", "\n\n", "# only a comment\n"] {
      let (node, diagnostics) = parse(text)
      #expect(diagnostics.isEmpty)
      #expect(node?.pairs == [])
      #expect(node?.range == SourceRange(at: at(1, 1)))
    }
  }

  @Test func lonelyDocumentMarkerIsNull() {
    let node = parseClean("---\n")
    #expect(node?.scalar?.isNull == true)
  }

  @Test func syntaxErrorShowsProblemAndContext() {
    let (node, diagnostics) = parse(
      """
      name: demo
      points: 3
        weight: 2
      """)
    #expect(node == nil)
    #expect(diagnostics.map(\.id) == ["yaml.syntax"])
    #expect(
      rendered(diagnostics) == """
        pack.yaml:3:9: error: invalid YAML: mapping values are not allowed in this context
          weight: 2
                ^
        """)
  }

  @Test func unterminatedQuoteNamesWhereTheScalarStarted() {
    let (node, diagnostics) = parse("name: demo\npoints: \"three\nweight: 2\n")
    #expect(node == nil)
    #expect(
      rendered(diagnostics) == """
        pack.yaml:4:1: error: invalid YAML: found unexpected end of stream

        ^
        note: while scanning a quoted scalar starting at line 2, column 9
        """)
  }

  @Test func tabIndentationGetsAHint() {
    let (_, diagnostics) = parse("indicator:\n\tpoints: 3\n")
    #expect(
      rendered(diagnostics) == """
        pack.yaml:2:1: error: invalid YAML: found character that cannot start any token
         points: 3
        ^
        note: while scanning for the next token starting at line 2, column 1
        note: YAML does not allow tabs for indentation; indent with spaces
        """)
  }

  @Test func controlCharacterIsReportedAtItsPosition() {
    let (node, diagnostics) = parse("name: a\nnote: \"b\u{01}\"\n")
    #expect(node == nil)
    #expect(diagnostics.map(\.id) == ["yaml.syntax"])
    #expect(
      diagnostics.first?.message
        == "invalid YAML: control characters are not allowed (found U+0001)")
    #expect(diagnostics.first?.range?.start == at(2, 9))
  }

  /// A mapping of many keys finds its repeats by an index of its keys: a repeat of an early
  /// key and of a late one, each reported with the first one's line.
  @Test func duplicateKeysInALargeMappingAreReported() throws {
    var lines = (1...20).map { "key\($0): \($0)" }
    lines.append("key3: again")
    lines.append("key19: again")
    let (node, diagnostics) = parse(lines.joined(separator: "\n"))
    #expect(diagnostics.map(\.id) == ["yaml.duplicate-key", "yaml.duplicate-key"])
    #expect(diagnostics.map { $0.range?.start } == [at(21, 1), at(22, 1)])
    #expect(
      diagnostics.map(\.notes) == [
        ["'key3' was first defined on line 3"], ["'key19' was first defined on line 19"],
      ])
    let root = try #require(node)
    #expect(root.pairs?.count == 20)
    #expect(root["key3"]?.scalar?.value == "3")
  }

  @Test func duplicateKeysAreAllReported() throws {
    let (node, diagnostics) = parse(
      """
      name: first
      points: 1
      name: second
      scores:
        low: 1
        low: 2
      name: third
      """)
    #expect(diagnostics.map(\.id) == Array(repeating: "yaml.duplicate-key", count: 3))
    #expect(
      DiagnosticRenderer.render(diagnostics) == """
        pack.yaml:3:1: error: duplicate key 'name' in mapping
        name: second
        ^~~~
        note: 'name' was first defined on line 1
        pack.yaml:6:3: error: duplicate key 'low' in mapping
          low: 2
          ^~~
        note: 'low' was first defined on line 5
        pack.yaml:7:1: error: duplicate key 'name' in mapping
        name: third
        ^~~~
        note: 'name' was first defined on line 1
        3 errors generated.
        """)
    // The tree keeps the first pair of each key.
    let root = try #require(node)
    #expect(root.pairs?.map(\.keyText) == ["name", "points", "scores"])
    #expect(root["name"]?.scalar?.value == "first")
    #expect(root["scores"]?["low"]?.scalar?.value == "1")
  }

  @Test func aliasesAndAnchorsAreRejected() throws {
    let (node, diagnostics) = parse(
      """
      base: &defaults
        points: 1
      other: *defaults
      """)
    #expect(diagnostics.map(\.id) == ["yaml.alias", "yaml.alias"])
    #expect(
      rendered(diagnostics) == """
        pack.yaml:1:7: error: found anchor '&defaults': aliases and anchors are not supported in rule packs
        base: &defaults
              ^~~~~~~~~
        pack.yaml:3:8: error: found alias '*defaults': aliases and anchors are not supported in rule packs
        other: *defaults
               ^~~~~~~~~
        """)
    // The alias stands as a null scalar so that the rest of the file can still be checked.
    #expect(try #require(node)["other"]?.scalar?.isNull == true)
  }

  @Test func severalDocumentsAreRejected() {
    let (node, diagnostics) = parse("name: one\n---\nname: two\n")
    #expect(diagnostics.map(\.id) == ["yaml.multiple-documents"])
    #expect(
      diagnostics.first?.message == "found a second YAML document; a file must contain exactly one")
    #expect(diagnostics.first?.range?.start == at(2, 1))
    #expect(node?["name"]?.scalar?.value == "one")
  }

  @Test func nonScalarKeysAreRejected() {
    let (node, diagnostics) = parse("? [a, b]\n: c\n{x: 1}: d\nkept: e\n")
    #expect(diagnostics.map(\.id) == ["yaml.complex-key", "yaml.complex-key"])
    #expect(
      diagnostics.map(\.message) == [
        "a mapping key must be a scalar, found a sequence",
        "a mapping key must be a scalar, found a mapping",
      ])
    #expect(diagnostics.map { $0.range?.start } == [at(1, 3), at(3, 1)])
    #expect(node?.pairs?.map(\.keyText) == ["kept"])
  }

  @Test func nestingDeeperThanTheLimitIsRejected() {
    let limit = YAMLParser.maximumDepth
    let fits = String(repeating: "[", count: limit) + String(repeating: "]", count: limit)
    #expect(parseClean(fits) != nil)

    let deep = String(repeating: "[", count: limit + 1) + String(repeating: "]", count: limit + 1)
    let (node, diagnostics) = parse(deep)
    #expect(node == nil)
    #expect(diagnostics.map(\.id) == ["yaml.depth"])
    #expect(diagnostics.first?.message == "nesting is deeper than 256 levels")
    #expect(diagnostics.first?.range?.start == at(1, limit + 1))

    let blocks = (0...limit).map { String(repeating: " ", count: $0) + "a:" }.joined(
      separator: "\n")
    #expect(parse(blocks).diagnostics.map(\.id) == ["yaml.depth"])
  }

  /// Collections opened inside others keep their own items and pairs, whatever their depth
  /// and kind, and each node its position (on the same line as the last, the next, or further).
  @Test func nestedCollectionsKeepTheirOwnItems() throws {
    let node = try #require(
      parseClean(
        """
        a: [1, [2, 3], {b: 4, c: [5]}, 6]
        d:
          - e: 7


            f:
              - 8
              - {g: 9}
          - []
        h: {}
        """))
    #expect(node.pairs?.map(\.keyText) == ["a", "d", "h"])
    let a = try #require(node["a"]?.items)
    #expect(a.map { $0.scalar?.value } == ["1", nil, nil, "6"])
    #expect(a[1].items?.map { $0.scalar?.value } == ["2", "3"])
    #expect(a[2].pairs?.map(\.keyText) == ["b", "c"])
    #expect(a[2]["c"]?.items?.map { $0.scalar?.value } == ["5"])
    #expect(a[3].range.start == at(1, 32))
    let d = try #require(node["d"]?.items)
    #expect(d.count == 2)
    #expect(d[0].pairs?.map(\.keyText) == ["e", "f"])
    #expect(d[0]["f"]?.range.start == at(7, 7))
    #expect(d[0]["f"]?.items?[1]["g"]?.range.start == at(8, 13))
    #expect(d[1].items?.isEmpty == true)
    #expect(node["h"]?.pairs?.isEmpty == true)
    #expect(node["h"]?.range == SourceRange(start: at(10, 4), end: at(10, 6)))
  }

  @Test func positionsFollowTheFileLines() throws {
    // CRLF line ends, a byte order mark and non-ASCII text all count as the file's lines do.
    let crlf = try #require(parseClean("a: 1\r\nb: 2\r\n"))
    #expect(crlf["b"]?.range.start == at(2, 4))

    let bom = try #require(parseClean("\u{FEFF}a: 1\nb: 2\n"))
    #expect(bom.pairs?.first?.key.range.start == at(1, 2))
    #expect(bom["b"]?.range.start == at(2, 4))

    let wide = try #require(parseClean("ключ: значение\nb: 2\n"))
    #expect(wide["ключ"]?.range == SourceRange(start: at(1, 7), end: at(1, 15)))
    #expect(wide["b"]?.range.start == at(2, 4))

    // Non-ASCII text several lines down, after lines with none.
    let later = try #require(parseClean("a: 1\n\n\n\nb: 'é'\nc: [x, é]\n"))
    #expect(later["b"]?.range == SourceRange(start: at(5, 4), end: at(5, 7)))
    #expect(later["c"]?.items?.last?.range.start == at(6, 8))
  }
}
