import SignpostSource
import SignpostYAML
import Testing

@Suite struct YAMLMappingReaderTests {
  /// A reader over the root of `text`, named `context`.
  private func reader(_ text: String, context: String = "indicator") throws -> (
    YAMLMappingReader, YAMLDiagnosticSink
  ) {
    let node = try #require(parseClean(text))
    let sink = YAMLDiagnosticSink()
    return (YAMLMappingReader(node, context: context, diagnostics: sink), sink)
  }

  @Test func readsEveryKind() throws {
    let (indicator, sink) = try reader(
      """
      id: late-payments
      points: -3
      weight: 0.25
      enabled: true
      since: 2024-02-29
      until: "2025-01-31"
      tags: [credit, 'risk']
      thresholds:
        low: 1
      cases:
        - a
        - b
      """)
    #expect(indicator.string("id", required: true) == "late-payments")
    #expect(indicator.int("points", required: true) == -3)
    #expect(indicator.double("weight") == 0.25)
    #expect(indicator.bool("enabled") == true)
    #expect(indicator.date("since") == YAMLDate(year: 2024, month: 2, day: 29))
    #expect(indicator.date("until")?.description == "2025-01-31")
    #expect(indicator.stringList("tags") == ["credit", "risk"])
    let thresholds = try #require(indicator.mapping("thresholds"))
    #expect(thresholds.context == "'thresholds' in indicator")
    #expect(thresholds.int("low") == 1)
    thresholds.reportUnknownKeys()
    #expect(indicator.sequence("cases")?.count == 2)
    #expect(indicator.string("description") == nil)
    indicator.reportUnknownKeys()
    #expect(sink.diagnostics.isEmpty, "\(sink.diagnostics)")
  }

  @Test func unknownKeyWithSuggestionAndMissingKey() throws {
    let (indicator, sink) = try reader(
      """
      id: late-payments
      pionts: 3
      colour: red
      """)
    _ = indicator.string("id", required: true)
    _ = indicator.int("points", required: true)
    indicator.reportUnknownKeys()
    indicator.reportUnknownKeys()
    #expect(
      sink.diagnostics.map(\.id) == ["yaml.missing-key", "yaml.unknown-key", "yaml.unknown-key"])
    #expect(
      DiagnosticRenderer.render(sink.diagnostics) == """
        pack.yaml:1:1: error: missing required key 'points' in indicator
        id: late-payments
        ^
        pack.yaml:2:1: error: unknown key 'pionts' in indicator; did you mean 'points'?
        pionts: 3
        ^~~~~~
        pack.yaml:3:1: error: unknown key 'colour' in indicator
        colour: red
        ^~~~~~
        3 errors generated.
        """)
  }

  /// The reader marks the first 64 keys it reads by position and later ones by name: keys
  /// not read on both sides of that line are reported, with "did you mean" from the keys
  /// asked for but absent.
  @Test func unknownKeysOfAMappingOfMoreThan64Keys() throws {
    let text = (1...70).map { "key\($0): \($0)" }.joined(separator: "\n")
    let (mapping, sink) = try reader(text, context: "codes")
    for k in 1...70 where k != 3 && k != 68 { #expect(mapping.int("key\(k)") == k) }
    #expect(mapping.int("key71") == nil)
    mapping.declareKnown("key70", "key72")
    mapping.reportUnknownKeys()
    #expect(sink.diagnostics.map(\.id) == ["yaml.unknown-key", "yaml.unknown-key"])
    #expect(
      sink.diagnostics.map(\.message) == [
        "unknown key 'key3' in codes; did you mean 'key71'?",
        "unknown key 'key68' in codes; did you mean 'key71'?",
      ])
    #expect(sink.diagnostics.map { $0.range?.start } == [at(3, 1), at(68, 1)])
  }

  @Test func declaredAndEnumeratedKeysAreKnown() throws {
    let (pack, sink) = try reader("name: a\nextra: b\n", context: "pack")
    pack.declareKnown("name", "extra")
    pack.reportUnknownKeys()
    let (scores, scoreSink) = try reader("low: 1\nhigh: 2\n", context: "scores")
    #expect(scores.entries().map(\.keyText) == ["low", "high"])
    scores.reportUnknownKeys()
    #expect(sink.diagnostics.isEmpty)
    #expect(scoreSink.diagnostics.isEmpty)
  }

  @Test func wrongKind() throws {
    let (pack, sink) = try reader(
      """
      indicators:
        - id: a
      scores: [1, 2]
      name:
        first: x
      """, context: "pack")
    #expect(pack.mapping("scores") == nil)
    #expect(pack.string("name") == nil)
    #expect(pack.stringList("indicators") == [])
    #expect(
      rendered(sink.diagnostics) == """
        pack.yaml:3:9: error: expected a mapping for 'scores' in pack, found a sequence
        scores: [1, 2]
                ^~~~~~
        pack.yaml:5:3: error: expected a string for 'name' in pack, found a mapping
          first: x
          ^~~~~~~~
        pack.yaml:2:5: error: expected a string for item 1 of 'indicators' in pack, found a mapping
          - id: a
            ^
        """)
  }

  @Test func nodeThatIsNotAMapping() throws {
    let node = try #require(parseClean("- a\n- b\n"))
    let sink = YAMLDiagnosticSink()
    let indicator = YAMLMappingReader(node, context: "indicator", diagnostics: sink)
    #expect(!indicator.isMapping)
    #expect(indicator.int("points", required: true) == nil)
    indicator.reportUnknownKeys()
    #expect(
      rendered(sink.diagnostics) == """
        pack.yaml:1:1: error: expected a mapping for indicator, found a sequence
        - a
        ^
        """)
  }

  @Test func integers() throws {
    let (indicator, sink) = try reader(
      """
      a: 1.5
      b: abc
      c: "5"
      d: 99999999999999999999
      e: +7
      """)
    #expect(indicator.int("a") == nil)
    #expect(indicator.int("b") == nil)
    #expect(indicator.int("c") == nil)
    #expect(indicator.int("d") == nil)
    #expect(indicator.int("e") == 7)
    #expect(sink.diagnostics.map(\.id) == Array(repeating: "yaml.invalid-value", count: 4))
    #expect(
      sink.diagnostics.map(\.message) == [
        "expected an integer for 'a' in indicator, found '1.5'",
        "expected an integer for 'b' in indicator, found 'abc'",
        "expected an integer for 'c' in indicator, found the quoted string '5'",
        "99999999999999999999 is out of range for 'd' in indicator",
      ])
    #expect(sink.diagnostics.first?.range == SourceRange(start: at(1, 4), end: at(1, 7)))
  }

  @Test func numbers() throws {
    let (indicator, sink) = try reader("a: 1\nb: -.5e1\nc: 1e999\nd: .nan\ne: 1.2.3\n")
    #expect(indicator.double("a") == 1)
    #expect(indicator.double("b") == -5)
    #expect(indicator.double("c") == nil)
    #expect(indicator.double("d") == nil)
    #expect(indicator.double("e") == nil)
    #expect(
      sink.diagnostics.map(\.message) == [
        "1e999 is out of range for 'c' in indicator",
        "expected a number for 'd' in indicator, found '.nan'",
        "expected a number for 'e' in indicator, found '1.2.3'",
      ])
  }

  @Test func booleans() throws {
    let (indicator, sink) = try reader("a: false\nb: TRUE\nc: yes\nd: 'true'\n")
    #expect(indicator.bool("a") == false)
    #expect(indicator.bool("b") == true)
    #expect(indicator.bool("c") == nil)
    #expect(indicator.bool("d") == nil)
    #expect(
      sink.diagnostics.map(\.message) == [
        "expected true or false for 'c' in indicator, found 'yes'",
        "expected true or false for 'd' in indicator, found the quoted string 'true'",
      ])
  }

  @Test func dates() throws {
    let (indicator, sink) = try reader(
      "a: 2023-02-29\nb: 2024-13-01\nc: 24-1-1\nd: [2024-01-01]\ne: 2000-02-29\n")
    #expect(indicator.date("a") == nil)
    #expect(indicator.date("b") == nil)
    #expect(indicator.date("c") == nil)
    #expect(indicator.date("d") == nil)
    #expect(indicator.date("e")?.daysSinceEpoch == 11_016)
    #expect(
      sink.diagnostics.map(\.message) == [
        "invalid date '2023-02-29' for 'a' in indicator: 2023-02 has 28 days",
        "invalid date '2024-13-01' for 'b' in indicator: the month must be 01 to 12",
        "expected a date (YYYY-MM-DD) for 'c' in indicator, found '24-1-1'",
        "expected a date (YYYY-MM-DD) for 'd' in indicator, found a sequence",
      ])
    #expect(
      sink.diagnostics.map(\.id) == [
        "yaml.invalid-value", "yaml.invalid-value", "yaml.invalid-value", "yaml.wrong-kind",
      ])
  }

  @Test func nullCountsAsAbsent() throws {
    let (indicator, sink) = try reader("description:\nnote: ~\npoints: null\nempty: ''\n")
    #expect(indicator.string("description") == nil)
    #expect(indicator.string("note") == nil)
    #expect(indicator.int("points", required: true) == nil)
    #expect(indicator.string("empty", required: true) == "")
    #expect(indicator.node("note")?.scalar?.isNull == true)
    #expect(
      rendered(sink.diagnostics) == """
        pack.yaml:3:1: error: missing value for required key 'points' in indicator
        points: null
        ^~~~~~
        """)
  }

  @Test func nestedReadersShareTheSink() throws {
    let (pack, sink) = try reader(
      """
      scores:
        lwo: 1
      """, context: "pack")
    let scores = try #require(pack.mapping("scores", context: "scores", required: true))
    _ = scores.int("low")
    scores.reportUnknownKeys()
    _ = pack.sequence("indicators", required: true)
    pack.reportUnknownKeys()
    #expect(sink.hasErrors)
    #expect(
      sink.diagnostics.map(\.message) == [
        "unknown key 'lwo' in scores; did you mean 'low'?",
        "missing required key 'indicators' in pack",
      ])
  }
}
