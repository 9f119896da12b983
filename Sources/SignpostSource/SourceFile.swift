/// The text of one input file, with the line index needed to turn offsets into positions
/// and to print the source line under a diagnostic.
public struct SourceFile: Sendable, Hashable {
  /// What a file is, in one object, so that copying a `SourceFile` (every YAML node holds one)
  /// counts one reference instead of three.
  private final class Storage: Sendable {
    let path: String
    let text: String
    /// Where each line starts, as a UTF-8 offset into `text`.
    let lineStarts: [Int]
    let isASCII: Bool

    init(path: String, text: String, lineStarts: [Int], isASCII: Bool) {
      self.path = path
      self.text = text
      self.lineStarts = lineStarts
      self.isASCII = isASCII
    }
  }

  private let storage: Storage
  /// The path as the user named it; diagnostics print it unchanged.
  public var path: String { storage.path }
  /// The whole text of the file.
  public var text: String { storage.text }
  /// Where each line starts, as a UTF-8 offset into ``text``.
  public var lineStarts: [Int] { storage.lineStarts }
  /// Whether every byte of the text is ASCII, so that UTF-8 offsets and Unicode scalar
  /// indices agree.
  public var isASCII: Bool { storage.isASCII }

  /// Creates a source file from its path and text.
  public init(path: String, text: String) {
    // Lines break at each "\n" byte; a line's "\r" before it is dropped by `line(_:)`, so a
    // CRLF file has as many lines as an LF one. Offsets, not substrings, so that loading a
    // file costs one pass over its bytes (a compile makes a `SourceFile` of every pack file;
    // the lines are needed only for diagnostics and scalar positions).
    var text = text
    let (starts, isASCII) = text.withUTF8(Self.lineStarts)
    storage = Storage(path: path, text: text, lineStarts: starts, isASCII: isASCII)
  }

  /// The UTF-8 offset of each line's first byte, and whether every byte is ASCII.
  private static func lineStarts(_ bytes: UnsafeBufferPointer<UInt8>) -> ([Int], Bool) {
    var starts = [0]
    var high: UInt8 = 0
    for (offset, byte) in bytes.enumerated() {
      high |= byte
      if byte == UInt8(ascii: "\n") { starts.append(offset + 1) }
    }
    return (starts, high < 0x80)
  }

  /// Two files are the same when their paths and texts are (the line index follows from the
  /// text).
  public static func == (a: SourceFile, b: SourceFile) -> Bool {
    a.storage === b.storage || (a.path == b.path && a.text == b.text)
  }

  public func hash(into hasher: inout Hasher) {
    hasher.combine(path)
    hasher.combine(text)
  }

  /// The number of lines in the file.
  public var lineCount: Int { lineStarts.count }

  /// The text of a 1-based line, without its line break, or `nil` past the end.
  public func line(_ number: Int) -> Substring? {
    guard number >= 1, number <= lineStarts.count else { return nil }
    let utf8 = text.utf8
    let start = lineStarts[number - 1]
    var end = number < lineStarts.count ? lineStarts[number] - 1 : utf8.count
    if end > start, utf8[utf8.index(utf8.startIndex, offsetBy: end - 1)] == UInt8(ascii: "\r") {
      end -= 1
    }
    return text[
      utf8.index(utf8.startIndex, offsetBy: start)..<utf8.index(utf8.startIndex, offsetBy: end)]
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
