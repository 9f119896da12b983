import Foundation
import SignpostSource

/// Every record of a file, in order, read ahead of its turn; and the file's hash.
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
}

/// Splits CSV files into records ahead of the reader, on another core, in the order the reader
/// will ask for them, holding at most `window` finished files: parsing overlaps checking
/// without every file's records being held at once.
final class TokenizingPrefetcher: @unchecked Sendable {
  private let files: [[UInt8]]
  private let window: Int
  private let condition = NSCondition()
  private var ready: [Int: TokenizedFile] = [:]
  private var started = 0

  init(files: [[UInt8]], window: Int = 2) {
    self.files = files
    self.window = window
    condition.lock()
    while started < min(window, files.count) { start() }
    condition.unlock()
  }

  /// Starts tokenizing the next file; the lock must be held.
  private func start() {
    let index = started
    started += 1
    DispatchQueue.global().async { [self] in
      let file = TokenizedFile(files[index])
      condition.lock()
      ready[index] = file
      condition.broadcast()
      condition.unlock()
    }
  }

  /// The records of file `index`, waiting for them if need be.
  func take(_ index: Int) -> TokenizedFile {
    condition.lock()
    defer { condition.unlock() }
    while started <= index { start() }
    while true {
      if let file = ready.removeValue(forKey: index) {
        while started < min(files.count, index + 1 + window) { start() }
        return file
      }
      condition.wait()
    }
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
