import SignpostSource

/// Turns libyaml's marks into 1-based ``SourceLocation``s that agree with
/// ``SourceFile/line(_:)``.
///
/// libyaml counts characters from 0 and also breaks lines at `\r`, U+0085, U+2028 and U+2029;
/// ``SourceFile`` breaks lines at `\n` only. Converting the mark's character index (rather than
/// its line and column) keeps every position in step with the lines a diagnostic prints.
struct SourcePositions: Sendable {
  /// The index, in Unicode scalars, of the first character of each line.
  private let lineStarts: [Int]
  /// libyaml skips a leading byte order mark without counting it; the file's text keeps it.
  private let markShift: Int
  private let text: String

  init(_ file: SourceFile) {
    // Scalars counted from the UTF-8 bytes: each scalar has one byte that is not a
    // continuation byte (10xxxxxx), and the text is valid UTF-8.
    var starts = [0]
    var index = 0
    for byte in file.text.utf8 where byte & 0xC0 != 0x80 {
      index += 1
      if byte == UInt8(ascii: "\n") { starts.append(index) }
    }
    lineStarts = starts
    markShift = file.text.unicodeScalars.first == "\u{FEFF}" ? 1 : 0
    text = file.text
  }

  /// The location of a libyaml mark index.
  func location(ofMarkIndex index: Int) -> SourceLocation {
    location(ofScalarIndex: index + markShift)
  }

  /// The location of a byte offset into the UTF-8 text, as libyaml reports reader errors.
  func location(ofUTF8Offset offset: Int) -> SourceLocation {
    var bytes = 0
    var index = 0
    for scalar in text.unicodeScalars {
      if bytes >= offset { break }
      bytes += UTF8.width(scalar)
      index += 1
    }
    return location(ofScalarIndex: index)
  }

  private func location(ofScalarIndex index: Int) -> SourceLocation {
    var low = 0
    var high = lineStarts.count - 1
    while low < high {
      let middle = (low + high + 1) / 2
      if lineStarts[middle] <= index {
        low = middle
      } else {
        high = middle - 1
      }
    }
    return SourceLocation(line: low + 1, column: max(0, index - lineStarts[low]) + 1)
  }
}
