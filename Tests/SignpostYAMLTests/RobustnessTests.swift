import SignpostSource
import SignpostYAML
import Testing

/// Inputs that must never crash the parser, the location mapping or the reader.
@Suite struct RobustnessTests {
  /// A small deterministic generator (SplitMix64), so failures can be replayed.
  private struct Generator: RandomNumberGenerator {
    var state: UInt64

    mutating func next() -> UInt64 {
      state &+= 0x9E37_79B9_7F4A_7C15
      var z = state
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }
  }

  private static let sample = """
    # A rule pack
    name: "demo pack"
    since: 2024-01-01
    indicators:
      - id: late
        points: 3
        when: >
          record.days_late > 30 &&
            record.amount > 100
        note: |-
          first
           second
      - {id: 'early', points: -1, tags: [a, "b\\tc"]}
    flags: !!str yes
    """

  /// Parses `text`, then exercises every node: locations in range, rendering, reading.
  private func exercise(_ text: String) {
    let file = SourceFile(path: "fuzz.yaml", text: text)
    let (node, diagnostics) = YAMLParser.parse(file)
    _ = DiagnosticRenderer.render(diagnostics)
    for diagnostic in diagnostics {
      let start = diagnostic.range?.start ?? SignpostSource.SourceLocation(line: 1, column: 1)
      #expect((1...file.lineCount).contains(start.line), "\(diagnostic)")
    }
    guard let node else { return }
    for child in node.allNodes {
      let count = child.scalar?.value.unicodeScalars.count ?? 0
      // Every offset of short values; a few of long ones, as each lookup retraces the value.
      let offsets = count <= 64 ? Array(-1...(count + 1)) : [-1, 0, count / 2, count, count + 1]
      for offset in offsets {
        let location = child.location(ofOffset: offset)
        let line = file.line(location.line)
        #expect(line != nil, "\(text.debugDescription) offset \(offset)")
        let length = line?.unicodeScalars.count ?? 0
        #expect((1...(length + 1)).contains(location.column), "\(text.debugDescription)")
      }
      let sink = YAMLDiagnosticSink()
      let reader = YAMLMappingReader(child, context: "node", diagnostics: sink)
      for pair in reader.entries() {
        _ = reader.int(pair.keyText)
        _ = reader.double(pair.keyText)
        _ = reader.bool(pair.keyText)
        _ = reader.date(pair.keyText)
        _ = reader.stringList(pair.keyText)
        _ = reader.mapping(pair.keyText)
      }
      reader.reportUnknownKeys()
    }
  }

  @Test func sampleIsValid() {
    let (node, diagnostics) = parse(Self.sample)
    #expect(node != nil)
    #expect(diagnostics.isEmpty, "\(diagnostics)")
  }

  @Test func everyTruncationOfADocument() {
    let scalars = Array(Self.sample.unicodeScalars)
    for length in 0...scalars.count {
      exercise(String(String.UnicodeScalarView(scalars.prefix(length))))
    }
  }

  @Test func randomBytes() {
    var generator = Generator(state: 1)
    for _ in 0..<300 {
      let bytes = (0..<Int.random(in: 0...120, using: &generator)).map { _ in
        UInt8.random(in: 0...255, using: &generator)
      }
      exercise(String(decoding: bytes, as: UTF8.self))
    }
  }

  @Test func randomYAMLPunctuation() {
    let alphabet = Array(
      "ab1 .:-?,[]{}\"'\\|>+2#&*!%@`~\t\r\n\n\n  é\u{2028}\u{FEFF}".unicodeScalars)
    var generator = Generator(state: 2)
    for _ in 0..<2000 {
      let scalars = (0..<Int.random(in: 0...60, using: &generator)).map { _ in
        alphabet[Int.random(in: 0..<alphabet.count, using: &generator)]
      }
      exercise(String(String.UnicodeScalarView(scalars)))
    }
  }

  @Test func randomEditsOfADocument() {
    let original = Array(Self.sample.unicodeScalars)
    let inserts = Array("\"'\t\n :-|>[]{}#&*\\".unicodeScalars)
    var generator = Generator(state: 3)
    for _ in 0..<500 {
      var scalars = original
      for _ in 0..<Int.random(in: 1...4, using: &generator) {
        let index = Int.random(in: 0..<scalars.count, using: &generator)
        if Bool.random(using: &generator) {
          scalars.remove(at: index)
        } else {
          scalars.insert(inserts[Int.random(in: 0..<inserts.count, using: &generator)], at: index)
        }
      }
      exercise(String(String.UnicodeScalarView(scalars)))
    }
  }

  @Test func awkwardInputs() {
    let inputs = [
      "\t", "\ta: 1", "a:\t1", "a: \"unterminated", "a: 'unterminated\n", "a: [1, 2",
      "a: {b: 1", "- - - - -", "? ", ": ", "a: |\n\tb", "a: >9\n b", "\0", "a: \"\\u12\"",
      "a: \"\\x4\"", "\u{FEFF}", "\u{FEFF}a: 1\n\u{FEFF}", "a\r\rb: 1\r", "a: b\u{2028}c: d",
      "%YAML 1.2\n---\na: 1", "%FOO\n--- a", "!<tag:x> a", "&a [*a]", "a: !!binary x",
      String(repeating: "[", count: 5000), String(repeating: "{a: ", count: 2000),
      String(repeating: "- ", count: 1000) + "x",
      (0..<600).map { String(repeating: " ", count: $0) + "k:" }.joined(separator: "\n"),
      String(repeating: "a", count: 100_000),
    ]
    for input in inputs {
      exercise(input)
    }
  }
}
