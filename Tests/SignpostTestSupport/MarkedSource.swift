import Testing

/// Source text with position markers (`1️⃣` … `9️⃣`) where diagnostics are expected, as in
/// swift-syntax's parser tests: the markers are taken out of the text and remembered as the
/// 1-based line and column of the character that follows each.
public struct MarkedSource: Sendable {
  /// The text without its markers.
  public let text: String
  /// Where each marker was, by marker.
  public let positions: [String: (line: Int, column: Int)]

  /// The markers this type recognises.
  public static let markers: Set<Character> = [
    "1️⃣", "2️⃣", "3️⃣", "4️⃣", "5️⃣", "6️⃣", "7️⃣", "8️⃣", "9️⃣",
  ]

  public init(_ marked: String) {
    var text = ""
    var positions: [String: (line: Int, column: Int)] = [:]
    var line = 1
    var column = 1
    for character in marked {
      if Self.markers.contains(character) {
        positions[String(character)] = (line, column)
        continue
      }
      text.append(character)
      if character == "\n" {
        line += 1
        column = 1
      } else {
        column += 1
      }
    }
    self.text = text
    self.positions = positions
  }

  /// The rendered first line of an error at `marker` in `file` (a path relative to the pack,
  /// the pack's folder written `PACK`).
  public func error(_ marker: String, in file: String, _ message: String) -> String {
    let (line, column) = positions[marker] ?? (0, 0)
    return "PACK/\(file):\(line):\(column): error: \(message)"
  }
}

/// Compiles a pack whose file `file` is `source` (markers removed) and expects exactly the
/// errors listed, each at its marker, in order: the whole first line of each rendered
/// diagnostic is compared.
public func expectDiagnostics(
  _ fixture: PackFixture, file: String, _ source: MarkedSource,
  _ expected: [(marker: String, message: String)],
  sourceLocation: SourceLocation = #_sourceLocation
) throws {
  for (marker, _) in expected {
    #expect(
      source.positions[marker] != nil, "no marker \(marker) in the source",
      sourceLocation: sourceLocation)
  }
  try fixture.write([file: source.text])
  #expect(
    fixture.diagnosticLines()
      == expected.map { source.error($0.marker, in: file, $0.message) },
    sourceLocation: sourceLocation)
}
