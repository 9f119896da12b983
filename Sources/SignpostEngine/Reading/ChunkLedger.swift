import SignpostRules

/// What one chunk of a file came to: rows read, used and rejected (lines counted from the
/// chunk's start until it is merged), and whether the file must fail.
struct ChunkLedger: Sendable {
  let path: String
  var read = 0
  var used = 0
  var rejected = 0
  /// Rows no table's `where:` takes.
  var skipped = 0
  var unmatched = UnmatchedCounts()
  /// Unmatched ids the linkage holds in another case.
  var caseMismatches = 0
  var rejects: [Reject] = []
  /// A stray quote that fails the whole file.
  var fatal: ExtractReadError?
  /// The first line holding bytes that are not UTF-8, and whether they look Windows-1252.
  var invalidUTF8: (line: Int, windows1252: Bool)?
  /// Rows kept with a field unknown for a code outside its list: how many, and the first few
  /// (line, field, value).
  var keptUnknown = 0
  var keptExamples: [(line: Int, field: String, value: String)] = []

  init(path: String) { self.path = path }

  mutating func reject(_ line: Int, _ field: String?, _ reason: String) {
    rejected += 1
    rejects.append(Reject(file: path, line: line, field: field, reason: reason))
  }

  /// Notes a code outside a field's list, kept as unknown (`unknown_codes: unknown`).
  mutating func keep(_ line: Int, _ field: String, _ problem: ReadProblem) {
    keptUnknown += 1
    if keptExamples.count < 5, case .keptUnknownCode(let value) = problem {
      keptExamples.append((line, field, value))
    }
  }

  /// A record the tokenizer could not read.
  mutating func problem(_ line: Int, _ problem: CSVProblem) {
    read += 1
    if case .unterminatedQuote(let swallowed) = problem, swallowed > CSVFile.swallowLimit {
      if fatal == nil {
        fatal = ExtractReadError(
          .strayQuote(
            path: path, line: line,
            reason:
              "a quote opened on this line is never closed and would swallow the \(swallowed) lines to the end of the file: the file cannot be read reliably (look for a stray \" on this line)"
          ))
      }
    }
    reject(line, nil, problem.message)
  }

  /// Counts a record and checks its width and encoding; `false` when it is rejected. A
  /// record of the header's width all of ASCII is accepted inline; any other is checked out
  /// of line.
  @inline(__always)
  mutating func accept(
    _ record: CSVRecord, names: [String], base: UnsafePointer<UInt8>
  ) -> Bool {
    read += 1
    if record.count == names.count, !record.hasHighBytes { return true }
    return check(record, names: names, base: base)
  }

  /// ``accept(_:names:base:)`` for a record of another width or with a byte outside ASCII.
  @inline(never)
  private mutating func check(
    _ record: CSVRecord, names: [String], base: UnsafePointer<UInt8>
  ) -> Bool {
    guard record.count == names.count else {
      if record.quotedLines > CSVFile.swallowLimit, fatal == nil {
        fatal = ExtractReadError(
          .strayQuote(
            path: path, line: record.line,
            reason:
              "a quoted field opened in the record on this line swallows \(record.quotedLines) lines: the file cannot be read reliably (look for a stray \" on this line)"
          ))
      }
      let spanned =
        record.quotedLines > 0
        ? " (a quoted field runs over \(record.quotedLines) line\(record.quotedLines == 1 ? "" : "s"))"
        : ""
      reject(
        record.line, nil, "\(record.count) columns where the header has \(names.count)\(spanned)")
      return false
    }
    if record.hasHighBytes {
      for i in 0..<record.count {
        let range = record.range(i)
        let bytes = UnsafeBufferPointer(start: base + range.lowerBound, count: range.count)
        guard String(validating: bytes, as: UTF8.self) == nil else { continue }
        let windows = bytes.contains { (0x80...0x9F).contains($0) }
        if invalidUTF8 == nil { invalidUTF8 = (record.line, windows) }
        reject(
          record.line, names[i],
          "the value is not valid UTF-8 (the file looks \(windows ? "Windows-1252" : "Latin-1") encoded; save it as UTF-8)"
        )
        return false
      }
    }
    return true
  }
}

/// Rows whose partner id the linkage could not join to a person, by why.
public struct UnmatchedCounts: Sendable, Equatable {
  /// No linkage row for the id.
  public var noLink = 0
  /// Every link for the id scores below the minimum.
  public var belowMinimum = 0
  /// The id is linked to several persons.
  public var ambiguous = 0

  public init() {}

  public var total: Int { noLink + belowMinimum + ambiguous }

  mutating func count(_ unmatched: LinkageIndex.Unmatched) {
    switch unmatched {
    case .noLink: noLink += 1
    case .belowMinimum: belowMinimum += 1
    case .ambiguous: ambiguous += 1
    }
  }

  mutating func add(_ other: UnmatchedCounts) {
    noLink += other.noLink
    belowMinimum += other.belowMinimum
    ambiguous += other.ambiguous
  }
}
