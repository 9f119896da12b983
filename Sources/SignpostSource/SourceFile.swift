/// The text of one input file, with the line index needed to turn offsets into positions
/// and to print the source line under a diagnostic.
public struct SourceFile: Sendable, Hashable {
  /// The path as the user named it; diagnostics print it unchanged.
  public let path: String
  /// The whole text of the file.
  public let text: String
  private let lines: [Substring]

  /// Creates a source file from its path and text.
  public init(path: String, text: String) {
    self.path = path
    self.text = text
    // Split on the scalar: "\r\n" is one Character, so splitting Characters on "\n" would
    // leave CRLF files as a single line.
    self.lines = text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).map {
      let line = Substring($0)
      return line.hasSuffix("\r") ? line.dropLast() : line
    }
  }

  /// The number of lines in the file.
  public var lineCount: Int { lines.count }

  /// The text of a 1-based line, without its line break, or `nil` past the end.
  public func line(_ number: Int) -> Substring? {
    guard number >= 1, number <= lines.count else { return nil }
    return lines[number - 1]
  }
}

/// A 1-based line and column; columns count characters (Unicode scalars), as libyaml does.
public struct SourceLocation: Sendable, Hashable, Comparable, CustomStringConvertible {
  public var line: Int
  public var column: Int

  public init(line: Int, column: Int) {
    self.line = line
    self.column = column
  }

  public static func < (a: SourceLocation, b: SourceLocation) -> Bool {
    (a.line, a.column) < (b.line, b.column)
  }

  public var description: String { "\(line):\(column)" }
}

/// A half-open range of locations in one file.
public struct SourceRange: Sendable, Hashable {
  public var start: SourceLocation
  public var end: SourceLocation

  public init(start: SourceLocation, end: SourceLocation) {
    self.start = start
    self.end = max(start, end)
  }

  /// A range covering a single location.
  public init(at location: SourceLocation) {
    self.init(start: location, end: location)
  }
}
