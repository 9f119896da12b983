import SignpostSource

/// Every record of a file, in order: read ahead of time, in parallel across files.
struct TokenizedFile: Sendable {
  var records: [Result<CSVParser.Record, CSVParser.Problem>]
  /// SHA-256 of the file's bytes, for the run summary's provenance.
  var sha256: String

  init(_ bytes: [UInt8]) {
    var parser = CSVParser(bytes)
    records = []
    while let next = parser.next() { records.append(next) }
    var sha = SHA256()
    sha.update(bytes)
    sha256 = sha.hexDigest()
  }

  /// Tokenizes several files over all cores.
  static func tokenize(_ files: [[UInt8]]) -> [TokenizedFile] {
    let results = SharedBuffer<TokenizedFile?>(repeating: nil, count: files.count)
    Parallel.forEachChunk(count: files.count) { range in
      for i in range { results[i] = TokenizedFile(files[i]) }
    }
    return results.array.map { $0 ?? TokenizedFile([]) }
  }
}

/// Splits RFC 4180 CSV bytes into records: quoted fields with `""` escapes and embedded line
/// breaks, LF or CRLF line ends, and a UTF-8 byte order mark at the start.
struct CSVParser {
  /// One record: its fields and the line it starts on (the header is line 1).
  struct Record: Sendable {
    var fields: [String]
    var line: Int
  }

  /// A record that cannot be read, such as one with an unterminated quote.
  struct Problem: Error, Sendable {
    var line: Int
    var message: String
  }

  private let bytes: [UInt8]
  private var position = 0
  private var line = 1

  init(_ bytes: [UInt8]) {
    self.bytes = bytes
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { position = 3 }
  }

  /// The next record, `nil` at the end, or a problem for a malformed record (after which
  /// reading resumes at the next line).
  mutating func next() -> Result<Record, Problem>? {
    // Blank lines between records are skipped (but counted).
    while position < bytes.count, bytes[position] == 0x0A || bytes[position] == 0x0D {
      if bytes[position] == 0x0A { line += 1 }
      position += 1
    }
    guard position < bytes.count else { return nil }
    let startLine = line
    var fields: [String] = []
    var field: [UInt8] = []
    var quoted = false
    var fieldStarted = false
    while position < bytes.count {
      let byte = bytes[position]
      if quoted {
        position += 1
        if byte == 0x22 {
          if position < bytes.count, bytes[position] == 0x22 {
            field.append(0x22)
            position += 1
          } else {
            quoted = false
          }
        } else {
          if byte == 0x0A { line += 1 }
          field.append(byte)
        }
        continue
      }
      switch byte {
      case 0x2C:  // ,
        fields.append(String(decoding: field, as: UTF8.self))
        field.removeAll(keepingCapacity: true)
        fieldStarted = false
        position += 1
      case 0x0A, 0x0D:
        position += 1
        if byte == 0x0D, position < bytes.count, bytes[position] == 0x0A { position += 1 }
        line += 1
        fields.append(String(decoding: field, as: UTF8.self))
        return .success(Record(fields: fields, line: startLine))
      case 0x22 where !fieldStarted && field.isEmpty:
        quoted = true
        fieldStarted = true
        position += 1
      case 0x22:
        skipToNextLine()
        return .failure(Problem(line: startLine, message: "a quote inside an unquoted field"))
      default:
        field.append(byte)
        fieldStarted = true
        position += 1
      }
    }
    if quoted {
      return .failure(Problem(line: startLine, message: "a quoted field is not closed"))
    }
    fields.append(String(decoding: field, as: UTF8.self))
    return .success(Record(fields: fields, line: startLine))
  }

  private mutating func skipToNextLine() {
    while position < bytes.count, bytes[position] != 0x0A { position += 1 }
    if position < bytes.count {
      position += 1
      line += 1
    }
  }
}
