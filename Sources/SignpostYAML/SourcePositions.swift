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

  /// The line the last location was found on: libyaml's marks mostly move forward, so the
  /// next is usually on the same line or the one after.
  private var hint = 0

  init(_ file: SourceFile) {
    if file.isASCII {
      // One byte per scalar: the file's own line index counts scalars too.
      lineStarts = file.lineStarts
    } else {
      // Scalars counted from the UTF-8 bytes: each scalar has one byte that is not a
      // continuation byte (10xxxxxx), and the text is valid UTF-8.
      var starts = [0]
      var index = 0
      for byte in file.text.utf8 where byte & 0xC0 != 0x80 {
        index += 1
        if byte == UInt8(ascii: "\n") { starts.append(index) }
      }
      lineStarts = starts
    }
    markShift = file.text.unicodeScalars.first == "\u{FEFF}" ? 1 : 0
    text = file.text
  }

  /// The location of a libyaml mark index.
  mutating func location(ofMarkIndex index: Int) -> SourceLocation {
    location(ofScalarIndex: index + markShift)
  }

  /// The location of a byte offset into the UTF-8 text, as libyaml reports reader errors.
  mutating func location(ofUTF8Offset offset: Int) -> SourceLocation {
    var bytes = 0
    var index = 0
    for scalar in text.unicodeScalars {
      if bytes >= offset { break }
      bytes += UTF8.width(scalar)
      index += 1
    }
    return location(ofScalarIndex: index)
  }

  private mutating func location(ofScalarIndex index: Int) -> SourceLocation {
    let line = self.line(ofScalarIndex: index)
    hint = line
    return SourceLocation(line: line + 1, column: max(0, index - lineStarts[line]) + 1)
  }

  /// The 0-based line holding a scalar index: the hinted line or the next when it is there,
  /// otherwise a binary search.
  private func line(ofScalarIndex index: Int) -> Int {
    let last = lineStarts.count - 1
    if lineStarts[hint] <= index {
      if hint == last || index < lineStarts[hint + 1] { return hint }
      if hint + 1 == last || index < lineStarts[hint + 2] { return hint + 1 }
    }
    var low = 0
    var high = last
    while low < high {
      let middle = (low + high + 1) / 2
      if lineStarts[middle] <= index {
        low = middle
      } else {
        high = middle - 1
      }
    }
    return low
  }
}
