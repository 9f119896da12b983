import SignpostSource

/// Maps offsets in a scalar's value back to the file, for expressions embedded in YAML.
///
/// It retraces how YAML turns the written text into the value (folding lines, stripping
/// indentation, resolving quotes and escapes) and records where each character of the value
/// came from. The trace is then checked against the value libyaml produced: offsets up to the
/// first disagreement are exact; later ones fall back to the place where the two parted.
struct ScalarLocator {
  /// One character of the retraced value and where it was written.
  private struct Traced {
    var scalar: Unicode.Scalar
    var location: SourceLocation
    /// A space or tab written as is, which folding strips at the end of a line.
    var isLiteralBlank = false
  }

  /// The one-letter escapes of double-quoted scalars and the characters they stand for.
  private static let simpleEscapes: [Unicode.Scalar: Unicode.Scalar] = [
    "0": "\0", "a": "\u{07}", "b": "\u{08}", "t": "\t", "\t": "\t", "n": "\n", "v": "\u{0B}",
    "f": "\u{0C}", "r": "\r", "e": "\u{1B}", " ": " ", "\"": "\"", "/": "/", "\\": "\\",
    "N": "\u{85}", "_": "\u{A0}", "L": "\u{2028}", "P": "\u{2029}",
  ]

  let scalar: YAMLScalar
  let range: SourceRange
  let file: SourceFile

  func location(ofOffset offset: Int) -> SourceLocation {
    let value = Array(scalar.value.unicodeScalars)
    let trace: [Traced]
    switch scalar.style {
    case .plain, .singleQuoted, .doubleQuoted: trace = flowTrace()
    case .literal: trace = blockTrace(value, folded: false)
    case .folded: trace = blockTrace(value, folded: true)
    }
    var agreed = 0
    while agreed < min(value.count, trace.count), value[agreed] == trace[agreed].scalar {
      agreed += 1
    }
    let target = min(max(offset, 0), value.count)
    if target < agreed { return trace[target].location }
    if agreed < value.count, agreed < trace.count { return trace[agreed].location }
    return end(of: trace)
  }

  // MARK: - Flow scalars

  /// Retraces a plain, single-quoted or double-quoted scalar, which may span lines: each line
  /// break folds to a space, or to one newline per empty line that follows it.
  private func flowTrace() -> [Traced] {
    let start = valueStart()
    let quote = scalar.style == .plain ? 0 : 1
    let lastLine = max(start.line, range.end.line)
    var trace: [Traced] = []
    var emptyLines: [Int] = []
    var foldAt = start
    var previousEscapedBreak = false
    for line in start.line...lastLine {
      let chars = characters(ofLine: line)
      let isFirst = line == start.line
      let isLast = line == lastLine
      let high = isLast ? min(max(0, range.end.column - 1 - quote), chars.count) : chars.count
      var low = min(isFirst ? start.column - 1 + quote : 0, high)
      if !isFirst {
        while low < high, isBlank(chars[low]) { low += 1 }
      }
      let (decoded, escapedBreak) = decode(chars[low..<high], line: line, isLast: isLast)
      var pieces = decoded
      if !isLast, !escapedBreak {
        while pieces.last?.isLiteralBlank == true { pieces.removeLast() }
      }
      if !isFirst, !isLast, pieces.isEmpty, !escapedBreak {
        emptyLines.append(line)
        continue
      }
      if !isFirst {
        if emptyLines.isEmpty, !previousEscapedBreak {
          trace.append(Traced(scalar: " ", location: foldAt))
        }
        for empty in emptyLines {
          trace.append(Traced(scalar: "\n", location: SourceLocation(line: empty, column: 1)))
        }
        emptyLines = []
      }
      trace += pieces
      foldAt = after(pieces.last?.location ?? SourceLocation(line: line, column: low + 1))
      previousEscapedBreak = escapedBreak
    }
    return trace
  }

  /// The characters one line of a flow scalar contributes, and whether it ends with an escaped
  /// line break (a backslash before the break, in double quotes), which joins the next line
  /// without a space.
  private func decode(_ chars: ArraySlice<Unicode.Scalar>, line: Int, isLast: Bool) -> (
    [Traced], Bool
  ) {
    var pieces: [Traced] = []
    var index = chars.startIndex
    func at(_ i: Int) -> SourceLocation { SourceLocation(line: line, column: i + 1) }
    while index < chars.endIndex {
      let char = chars[index]
      if scalar.style == .singleQuoted, char == "'", index + 1 < chars.endIndex,
        chars[index + 1] == "'"
      {
        pieces.append(Traced(scalar: "'", location: at(index)))
        index += 2
      } else if scalar.style == .doubleQuoted, char == "\\" {
        guard index + 1 < chars.endIndex else { return (pieces, !isLast) }
        let (decoded, length) = escape(chars[(index + 1)...])
        if let decoded { pieces.append(Traced(scalar: decoded, location: at(index))) }
        index += 1 + length
      } else {
        pieces.append(Traced(scalar: char, location: at(index), isLiteralBlank: isBlank(char)))
        index += 1
      }
    }
    return (pieces, false)
  }

  /// The character a double-quoted escape stands for (given the text after the backslash), and
  /// how many characters of that text it uses.
  private func escape(_ rest: ArraySlice<Unicode.Scalar>) -> (Unicode.Scalar?, Int) {
    guard let letter = rest.first else { return (nil, 0) }
    let digits: Int
    switch letter {
    case "x": digits = 2
    case "u": digits = 4
    case "U": digits = 8
    default:
      return (Self.simpleEscapes[letter], 1)
    }
    let hex = String(String.UnicodeScalarView(rest.dropFirst().prefix(digits)))
    let decoded = UInt32(hex, radix: 16).flatMap(Unicode.Scalar.init)
    return (decoded, 1 + min(digits, rest.count - 1))
  }

  // MARK: - Block scalars

  /// Retraces a literal or folded block: the value's lines are the file's lines after the
  /// header, less the block's indentation, which is found by matching the first line that has
  /// text (so indentation indicators need no parsing). Each line break in the value belongs to
  /// the end of a file line.
  private func blockTrace(_ value: [Unicode.Scalar], folded: Bool) -> [Traced] {
    var trace: [Traced] = []
    var cursor = 0
    var indentation: Int?
    var line = valueStart().line + 1
    while cursor < value.count, line <= file.lineCount {
      let chars = characters(ofLine: line)
      let leading = chars.prefix { $0 == " " }.count
      let isBlankLine = leading == chars.count
      let contentStart: Int
      if let indentation {
        guard isBlankLine || leading >= indentation else { return trace }
        contentStart = min(indentation, chars.count)
      } else if isBlankLine {
        contentStart = chars.count
      } else {
        let rest = value[cursor...]
        guard let found = (0...leading).reversed().first(where: { rest.starts(with: chars[$0...]) })
        else { return trace }
        indentation = found
        contentStart = found
      }
      let content = chars[contentStart...]
      guard value[cursor...].starts(with: content) else { return trace }
      for (index, char) in zip(content.indices, content) {
        trace.append(Traced(scalar: char, location: SourceLocation(line: line, column: index + 1)))
      }
      cursor += content.count
      if cursor < value.count, value[cursor] == "\n" || (folded && value[cursor] == " ") {
        let lineEnd = SourceLocation(line: line, column: chars.count + 1)
        trace.append(Traced(scalar: value[cursor], location: lineEnd))
        cursor += 1
      }
      line += 1
    }
    return trace
  }

  // MARK: - Positions

  /// Where the scalar itself starts: the node's range begins at its tag or anchor, if any.
  private func valueStart() -> SourceLocation {
    var line = range.start.line
    var chars = characters(ofLine: line)
    var index = range.start.column - 1
    while index >= 0, index < chars.count, chars[index] == "!" || chars[index] == "&" {
      while index < chars.count, !isBlank(chars[index]) { index += 1 }
      // Skip the separation: blanks, a comment, line breaks.
      while true {
        while index < chars.count, isBlank(chars[index]) { index += 1 }
        if index < chars.count, chars[index] != "#" { break }
        guard line < range.end.line else { break }
        line += 1
        chars = characters(ofLine: line)
        index = 0
      }
    }
    return SourceLocation(line: line, column: index + 1)
  }

  /// Just after the last traced character, or where the value would start if it is empty.
  private func end(of trace: [Traced]) -> SourceLocation {
    guard let last = trace.last else {
      let start = valueStart()
      switch scalar.style {
      case .singleQuoted, .doubleQuoted: return after(start)
      case .plain, .literal, .folded: return start
      }
    }
    return after(last.location)
  }

  /// The next column, but no further than just past the end of the line.
  private func after(_ location: SourceLocation) -> SourceLocation {
    let length = characters(ofLine: location.line).count
    return SourceLocation(line: location.line, column: min(location.column + 1, length + 1))
  }

  private func characters(ofLine line: Int) -> [Unicode.Scalar] {
    file.line(line).map { Array($0.unicodeScalars) } ?? []
  }

  private func isBlank(_ char: Unicode.Scalar) -> Bool { char == " " || char == "\t" }
}
