import CCSVScan

/// One CSV record: its fields as byte ranges of the mapped file, and the line it starts on.
/// A quoted field's range is what lies between its quotes; those with `""` escapes are listed
/// in `escaped` and unescaped when read.
///
/// The fields' bounds, their count, whether a byte is outside ASCII, the record's lines and
/// the room for fields are kept in a buffer the record owns by reference and reuses from
/// record to record, so that adding a field is three stores, with no array's uniqueness or
/// bounds check: a copy of a record shares them, valid until the next record is read into
/// it. The record itself is three words, which a call takes in registers. (Kept in the record
/// itself, the count and flag, and then the line, were stored just before a record was handed
/// on and copied at once: loads that stalled on the stores they followed.)
struct CSVRecord {
  /// `header[0]` is the field count, `header[1]` nonzero when some byte is outside ASCII,
  /// `header[2]` the line, `header[3]` the lines in quotes, `header[4]` the room for fields;
  /// field `i` is the bytes `fields[2 * i]..<fields[2 * i + 1]`, for `i` below the count.
  private var header: UnsafeMutablePointer<Int>
  /// Owns `header`, and frees it when the last copy of the record goes.
  private let storage: Storage
  /// The fields whose range still holds `""` escapes.
  var escaped: [Int] = []

  init() {
    storage = Storage(capacity: 32)
    header = storage.pointer
  }

  /// How many fields the record has.
  var count: Int { header[0] }

  /// Whether any byte is outside ASCII (then its text fields are checked for UTF-8).
  var hasHighBytes: Bool {
    get { header[1] != 0 }
    set { header[1] = newValue ? 1 : 0 }
  }

  /// The line the record starts on, counted from the start of the tokenized range.
  var line: Int {
    get { header[2] }
    set { header[2] = newValue }
  }

  /// Lines spanned by quoted fields (embedded line breaks).
  var quotedLines: Int {
    get { header[3] }
    set { header[3] = newValue }
  }

  /// How many fields the buffer has room for.
  private var capacity: Int { header[4] }

  /// The fields' bounds, after the header's slots.
  private var fields: UnsafeMutablePointer<Int> { header + Storage.slots }

  @inline(__always)
  mutating func clear() {
    header[0] = 0
    header[1] = 0
    header[3] = 0
    if !escaped.isEmpty { escaped.removeAll(keepingCapacity: true) }
  }

  /// Adds a field: the bytes `start..<end`.
  @inline(__always)
  mutating func add(_ start: Int, _ end: Int) {
    let n = header[0]
    if n == capacity { header = storage.grow(to: 2 * capacity) }
    fields[2 * n] = start
    fields[2 * n + 1] = end
    header[0] = n + 1
  }

  /// Adds a field ending at each set bit of `ends` (bit `k` for the byte at `offset + k`),
  /// the first starting at `fieldStart`, each next one a byte after the previous end;
  /// `fieldStart` becomes that byte after the last end.
  @inline(__always)
  mutating func add(endingAt ends: UInt64, offset: Int, fieldStart: inout Int) {
    var n = header[0]
    if capacity - n < 64 { header = storage.grow(to: max(2 * capacity, n + 64)) }
    var bounds = fields + 2 &* n
    var bits = ends
    var start = fieldStart
    while bits != 0 {
      let end = offset &+ bits.trailingZeroBitCount
      bounds[0] = start
      bounds[1] = end
      bounds += 2
      n &+= 1
      start = end &+ 1
      bits &= bits &- 1
    }
    header[0] = n
    fieldStart = start
  }

  /// The byte offsets of field `i`.
  @inline(__always)
  func range(_ i: Int) -> Range<Int> {
    precondition(i >= 0 && i < count, "field \(i) of a record of \(count)")
    return fields[2 * i]..<fields[2 * i + 1]
  }

  /// The byte offsets of field `i` with no check that the record has it: for a caller that
  /// has checked the record's width (``ChunkLedger/accept(_:names:base:)``) and asks for a
  /// column of the header, once a field of every row.
  @inline(__always)
  func bounds(unchecked i: Int) -> (start: Int, end: Int) {
    (fields[2 &* i], fields[2 &* i &+ 1])
  }

  /// The bytes of field `i`; an escaped field is unescaped into `scratch` (valid until its
  /// next use).
  func field(_ i: Int, in base: UnsafePointer<UInt8>, scratch: FieldScratch)
    -> UnsafeBufferPointer<UInt8>
  {
    let bytes = range(i)
    let raw = UnsafeBufferPointer(start: base + bytes.lowerBound, count: bytes.count)
    guard !escaped.isEmpty, escaped.contains(i) else { return raw }
    return scratch.unescape(raw)
  }

  /// The buffer of a record's header slots and field bounds.
  private final class Storage {
    /// The slots before the fields' bounds.
    static let slots = 5
    private(set) var pointer: UnsafeMutablePointer<Int>

    init(capacity: Int) {
      pointer = .allocate(capacity: Self.slots + 2 * capacity)
      pointer.initialize(repeating: 0, count: Self.slots)
      pointer[4] = capacity
    }

    /// Room for `larger` fields, the header and bounds kept; returns the new buffer.
    func grow(to larger: Int) -> UnsafeMutablePointer<Int> {
      let fields = pointer[4]
      let grown = UnsafeMutablePointer<Int>.allocate(capacity: Self.slots + 2 * larger)
      grown.initialize(from: pointer, count: Self.slots + 2 * fields)
      grown[4] = larger
      pointer.deallocate()
      pointer = grown
      return grown
    }

    deinit { pointer.deallocate() }
  }
}

/// A record that cannot be read.
enum CSVProblem: Sendable, Equatable {
  /// A `"` inside an unquoted field; the rest of the line is skipped.
  case quoteInUnquotedField
  /// A quote opened on the record's line is never closed: the `swallowed` lines to the end
  /// of the file would be one field. Reading resumes on the next line.
  case unterminatedQuote(swallowed: Int)

  var message: String {
    switch self {
    case .quoteInUnquotedField: "a quote inside an unquoted field"
    case .unterminatedQuote(let swallowed):
      "a quote opened on this line is never closed (it would swallow the \(swallowed) line\(swallowed == 1 ? "" : "s") to the end of the file)"
    }
  }
}

/// Splits RFC 4180 CSV bytes into records without copying them: quoted fields with `""`
/// escapes and embedded line breaks, LF or CRLF line ends. Blank lines
/// between records are skipped but counted.
struct CSVTokenizer {
  enum Outcome: Equatable {
    case record
    case problem(CSVProblem)
    case end
  }

  private let base: UnsafePointer<UInt8>
  /// Where the next record starts.
  private(set) var position: Int
  /// Records starting at or after `limit` are left for the next chunk.
  private let limit: Int
  private let end: Int
  /// The current line, counted from the start of the range (the first line is `firstLine`).
  private(set) var line: Int
  /// How records with no quote are found.
  private let scan: Scan
  /// Where the classified block starts: it covers `blockStart..<blockStart + 64` (cut at
  /// `end`), and serves every record that starts in it.
  private var blockStart = Int.min / 2
  /// The block's structural bytes.
  private var block = SignpostCSVBlock()

  /// How the tokenizer finds the fields of a record with no quote.
  enum Scan {
    /// By bitmasks of 64-byte blocks, classified with the CPU's vector instructions where
    /// there are some (SSE2 on x86-64).
    case blocks
    /// By bitmasks of 64-byte blocks classified a byte at a time (what CPUs without a vector
    /// classifier run; tests run it on every CPU).
    case portableBlocks
    /// A byte at a time by the general loop, which every record with a quote takes.
    case bytes
  }

  init(
    base: UnsafePointer<UInt8>, range: Range<Int>, limit: Int, firstLine: Int,
    scan: Scan = .blocks
  ) {
    self.base = base
    position = range.lowerBound
    end = range.upperBound
    self.limit = limit
    line = firstLine
    self.scan = scan
  }

  /// Reads the next record into `record`. Inlined into the callers' record loops, so that the
  /// tokenizer's state stays in registers from record to record; records with a quote go out
  /// of line to the general loop.
  @inline(__always)
  mutating func next(_ record: inout CSVRecord) -> Outcome {
    while position < end, base[position] == 0x0A || base[position] == 0x0D {
      if base[position] == 0x0A { line += 1 }
      position += 1
    }
    guard position < limit, position < end else { return .end }
    record.clear()
    record.line = line
    if scan != .bytes, let outcome = nextUnquoted(&record) { return outcome }
    return nextGeneral(&record)
  }

  /// Reads the record at `position` a byte at a time: quoted fields, escapes, embedded line
  /// breaks and the problems (`record`'s fields are cleared first).
  @inline(never)
  private mutating func nextGeneral(_ record: inout CSVRecord) -> Outcome {
    record.clear()
    let recordStart = position
    var p = position
    var high: UInt8 = 0
    while true {
      // One field starting at p.
      if p < end, base[p] == 0x22 {
        let startLine = line
        p += 1
        let start = p
        var escaped = false
        var closed = false
        while p < end {
          let byte = base[p]
          if byte == 0x22 {
            if p + 1 < end, base[p + 1] == 0x22 {
              escaped = true
              p += 2
              continue
            }
            p += 1
            closed = true
            break
          }
          if byte == 0x0A { line += 1 }
          high |= byte
          p += 1
        }
        guard closed else {
          // Resume on the line after the one the quote opened on.
          // The lines after the quote's own, to the end of the file.
          let swallowed = line - startLine - (base[end - 1] == 0x0A ? 1 : 0)
          line = startLine
          p = recordStart
          while p < end, base[p] != 0x0A { p += 1 }
          if p < end {
            p += 1
            line += 1
          }
          position = p
          return .problem(.unterminatedQuote(swallowed: swallowed))
        }
        record.quotedLines += line - startLine
        if escaped { record.escaped.append(record.count) }
        record.add(start, p - 1)
        if p < end, base[p] != 0x2C, base[p] != 0x0A, base[p] != 0x0D {
          return skipLine(from: p)
        }
      } else {
        let start = p
        p = Self.skipPlain(base, from: p, end: end, high: &high)
        while p < end {
          let byte = base[p]
          if byte == 0x2C || byte == 0x0A || byte == 0x0D { break }
          if byte == 0x22 { return skipLine(from: p) }
          high |= byte
          p += 1
        }
        record.add(start, p)
      }
      // p is at a comma, a line end or the end.
      if p < end, base[p] == 0x2C {
        p += 1
        continue
      }
      if p < end {
        if base[p] == 0x0D {
          p += 1
          if p < end, base[p] == 0x0A { p += 1 }
        } else {
          p += 1
        }
        line += 1
      }
      position = p
      record.hasHighBytes = high >= 0x80
      return .record
    }
  }

  /// Reads a record with no quote in it from the bitmasks of the 64-byte blocks it lies in
  /// (the block a record ends in serves the records after it): its fields end at the comma
  /// bits before the first line-end bit. `nil` when the record holds a quote; then the
  /// general loop reads it again from its start (the record's fields are cleared first).
  @inline(__always)
  private mutating func nextUnquoted(_ record: inout CSVRecord) -> Outcome? {
    var p = position
    var fieldStart = p
    var high: UInt64 = 0
    while true {
      if p >= blockStart &+ 64 { classify(at: p) }
      let shift = UInt64(truncatingIfNeeded: p &- blockStart)
      let ends = block.lineEnds &>> shift
      // The bytes before the block's first line end from p (all of them when it has none):
      // the record's. Bytes after it are the next record's.
      let first = ends & (0 &- ends)
      let mine = ends == 0 ? ~0 : first &- 1
      if block.quotes &>> shift & mine != 0 { return nil }
      record.add(
        endingAt: block.commas &>> shift & mine | first, offset: p, fieldStart: &fieldStart)
      high |= block.high &>> shift & mine
      if first != 0 {
        // A line end (LF, CR or CRLF): the last field ended there.
        let q = fieldStart &- 1
        var next = fieldStart
        if base[q] == 0x0D, next < end, base[next] == 0x0A { next &+= 1 }
        line &+= 1
        position = next
        record.hasHighBytes = high != 0
        return .record
      }
      p = blockStart &+ 64
      guard p < end else {
        // No line end before the end of the range: the last field ends there.
        record.add(fieldStart, end)
        position = end
        record.hasHighBytes = high != 0
        return .record
      }
    }
  }

  /// Classifies the block that starts at `start` (before `end`).
  @inline(__always)
  private mutating func classify(at start: Int) {
    blockStart = start
    let count = end &- start
    block =
      count >= 64 && scan == .blocks
      ? signpost_csv_classify(base + start)
      : signpost_csv_classify_portable(base + start, min(count, 64))
  }

  /// Moves past the bytes of an unquoted field eight at a time, stopping at the first word
  /// that holds a comma, a line end or a quote (the byte loop reads the rest), and folds the
  /// bytes passed into `high`.
  @inline(__always)
  private static func skipPlain(
    _ base: UnsafePointer<UInt8>, from start: Int, end: Int, high: inout UInt8
  ) -> Int {
    var p = start
    var passed: UInt64 = 0
    let raw = UnsafeRawPointer(base)
    while p + 8 <= end {
      let word = raw.loadUnaligned(fromByteOffset: p, as: UInt64.self)
      if hasByte(word, 0x2C) | hasByte(word, 0x0A) | hasByte(word, 0x0D) | hasByte(word, 0x22)
        != 0
      {
        break
      }
      passed |= word
      p += 8
    }
    if passed & 0x8080_8080_8080_8080 != 0 { high |= 0x80 }
    return p
  }

  /// Nonzero when some byte of `word` is `byte`.
  @inline(__always)
  private static func hasByte(_ word: UInt64, _ byte: UInt8) -> UInt64 {
    let x = word ^ (UInt64(byte) &* 0x0101_0101_0101_0101)
    return (x &- 0x0101_0101_0101_0101) & ~x & 0x8080_8080_8080_8080
  }

  private mutating func skipLine(from start: Int) -> Outcome {
    var p = start
    while p < end, base[p] != 0x0A { p += 1 }
    if p < end {
      p += 1
      line += 1
    }
    position = p
    return .problem(.quoteInUnquotedField)
  }
}

/// Room to unescape one quoted field at a time, owned by one worker.
final class FieldScratch {
  private var buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: 256)
  private var capacity = 256

  /// The field's bytes with each `""` made `"`.
  func unescape(_ raw: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
    if raw.count > capacity {
      buffer.deallocate()
      capacity = raw.count
      buffer = .allocate(capacity: capacity)
    }
    var count = 0
    var k = 0
    while k < raw.count {
      buffer[count] = raw[k]
      count += 1
      k += raw[k] == 0x22 ? 2 : 1
    }
    return UnsafeBufferPointer(start: buffer, count: count)
  }

  deinit { buffer.deallocate() }
}
