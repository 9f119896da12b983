import Foundation
import SignpostSource

/// A CSV input file opened for reading: mapped, its header read, its data split into chunks
/// that every core tokenizes and checks at once.
struct CSVFile {
  let path: String
  let mapped: MappedFile
  /// The header's column names, in order.
  let names: [String]
  /// Each column name's position (the first, when a name repeats).
  let columns: [String: Int]
  /// Problems with the header as a whole: repeated names, another delimiter.
  let headerProblems: [String]
  private let dataStart: Int
  /// The line the data starts on (after the header).
  private let dataLine: Int

  /// A quoted field may span at most this many lines before the file is failed as having a
  /// stray quote.
  static let swallowLimit = 5

  /// Opens `directory/path` and reads its header.
  init(path: String, directory: String) throws(ExtractReadError) {
    self.path = path
    do {
      mapped = try MappedFile(path: directory + "/" + path)
    } catch {
      throw ExtractReadError(.unreadableFile(path: path, reason: error.reason))
    }
    guard let base = mapped.base else {
      throw ExtractReadError(.noHeader(path: path))
    }
    let bom = mapped.count >= 3 && base[0] == 0xEF && base[1] == 0xBB && base[2] == 0xBF
    var tokenizer = CSVTokenizer(
      base: base, range: (bom ? 3 : 0)..<mapped.count, limit: mapped.count, firstLine: 1)
    var record = CSVRecord()
    var names: [String] = []
    switch tokenizer.next(&record) {
    case .record:
      let scratch = FieldScratch()
      names = (0..<record.count).map {
        String(decoding: record.field($0, in: base, scratch: scratch), as: UTF8.self)
      }
      if names == [""] { throw ExtractReadError(.noHeader(path: path)) }
    case .end: throw ExtractReadError(.noHeader(path: path))
    case .problem: break  // every mapped column is then missing, and each row says so
    }
    self.names = names
    var columns: [String: Int] = [:]
    var problems: [String] = []
    for (i, name) in names.enumerated() {
      if columns[name] == nil {
        columns[name] = i
      } else if !problems.contains(where: { $0.contains("'\(name)'") }) {
        problems.append("the header names column '\(name)' more than once (the first is read)")
      }
    }
    if names.count == 1, let only = names.first {
      for (delimiter, label) in [(";", "semicolons"), ("\t", "tabs")] where only.contains(delimiter)
      {
        problems.append(
          "the header is one column '\(only)': it looks separated by \(label), but CSV files here are separated by commas"
        )
      }
    }
    self.columns = columns
    headerProblems = problems
    dataStart = tokenizer.position
    dataLine = tokenizer.line
  }

  /// The width of a data record: the header's.
  var width: Int { names.count }

  /// About how many data records the file holds, from the line ends in its first 64 KiB of
  /// data, so that readers can size their tables once instead of growing them.
  var estimatedRecords: Int {
    guard let base = mapped.base, dataStart < mapped.count else { return 0 }
    let sample = min(mapped.count - dataStart, 1 << 16)
    var lines = 0
    for i in dataStart..<dataStart + sample where base[i] == 0x0A { lines += 1 }
    return (mapped.count - dataStart) * max(lines, 1) / sample
  }

  /// Calls `body` for every data record in order, on this thread (`nil` for a record that
  /// cannot be tokenized).
  func forEachRecord(
    _ body: (CSVRecord?, UnsafePointer<UInt8>, FieldScratch) -> Void
  ) {
    guard let base = mapped.base else { return }
    var tokenizer = CSVTokenizer(
      base: base, range: dataStart..<mapped.count, limit: mapped.count, firstLine: dataLine)
    var record = CSVRecord()
    let scratch = FieldScratch()
    while true {
      switch tokenizer.next(&record) {
      case .end: return
      case .record: body(record, base, scratch)
      case .problem: body(nil, base, scratch)
      }
    }
  }

  /// Tokenizes the data records in chunks on every core (each begun by `make`, given about how
  /// many records the chunk holds), calling `row` for each record,
  /// `problem` for each that cannot be tokenized, with lines counted from the chunk's start,
  /// and `finish` once the chunk's last record is read (still on the worker);
  /// then hands each chunk's result to `merge` in file order, with the line its chunk starts
  /// on, while later chunks are still being read (``ChunkPipeline``). Pages are given back
  /// once merged.
  func readChunks<Chunk: Sendable>(
    _ make: @Sendable (_ records: Int) -> Chunk,
    row: @Sendable (inout Chunk, CSVRecord, UnsafePointer<UInt8>, FieldScratch) -> Void,
    problem: @Sendable (inout Chunk, _ line: Int, CSVProblem) -> Void,
    finish: @Sendable (inout Chunk) -> Void = { _ in },
    merge: (Chunk, _ firstLine: Int) throws(ExtractReadError) -> Void
  ) throws(ExtractReadError) {
    guard let layout = chunkLayout() else { return }
    func run(_ start: Int, _ limit: Int) -> TokenizedChunk<Chunk> {
      tokenize(
        start, limit, layout: layout, make: make, row: row, problem: problem, finish: finish)
    }
    try withoutActuallyEscaping(run) { (run) throws(ExtractReadError) in
      try CSVChunks(file: self, layout: layout, run: run).merge(merge)
    }
  }

  /// ``readChunks(_:row:problem:finish:merge:)``'s reading half, to be merged later
  /// (``CSVChunks/merge(_:)``): its workers may start before then, handed on from the
  /// previous file's pipeline (``ChunkPipeline/handOff(to:)``). `nil` for a file with no data.
  func chunks<Chunk: Sendable>(
    _ make: @escaping @Sendable (_ records: Int) -> Chunk,
    row: @escaping @Sendable (inout Chunk, CSVRecord, UnsafePointer<UInt8>, FieldScratch) -> Void,
    problem: @escaping @Sendable (inout Chunk, _ line: Int, CSVProblem) -> Void,
    finish: @escaping @Sendable (inout Chunk) -> Void
  ) -> CSVChunks<Chunk>? {
    guard let layout = chunkLayout() else { return nil }
    return CSVChunks(file: self, layout: layout) { start, limit in
      self.tokenize(
        start, limit, layout: layout, make: make, row: row, problem: problem, finish: finish)
    }
  }

  /// Where a file's chunks start and end, and about how many records a byte holds.
  struct ChunkLayout {
    var base: UnsafePointer<UInt8>
    var starts: [Int]
    var ends: [Int]
    var recordsPerByte: Double
    /// Where the data starts, and on which line.
    var dataStart: Int
    var dataLine: Int
  }

  /// Splits the data at line ends into chunks; `nil` when there is no data.
  private func chunkLayout() -> ChunkLayout? {
    guard let base = mapped.base, dataStart < mapped.count else { return nil }
    let total = mapped.count
    let size = total - dataStart
    // Small enough that the cores are soon all busy and the merge of the last chunk, which
    // nothing overlaps, is short.
    let target = max(1 << 18, min(2 << 20, size / (Self.cores * 8) + 1))
    // Nominal chunk starts: just after the first line end at or past each multiple of target.
    var starts = [dataStart]
    var offset = dataStart + target
    while offset < total {
      var p = offset
      while p < total, base[p] != 0x0A { p += 1 }
      if p + 1 < total, p + 1 > starts[starts.count - 1] { starts.append(p + 1) }
      offset = max(p + 1, offset + target)
    }
    let ends = Array(starts.dropFirst()) + [total]
    // A little over the file's average, so that a chunk's arrays seldom grow.
    let recordsPerByte = Double(estimatedRecords) * 1.05 / Double(max(1, size))
    return ChunkLayout(
      base: base, starts: starts, ends: ends, recordsPerByte: recordsPerByte, dataStart: dataStart,
      dataLine: dataLine)
  }

  /// The cores the workers use.
  static var cores: Int { max(1, ProcessInfo.processInfo.activeProcessorCount) }

  /// Reads the records of `start..<limit` (the last may run past `limit`) into a chunk.
  private func tokenize<Chunk: Sendable>(
    _ start: Int, _ limit: Int, layout: ChunkLayout,
    make: (_ records: Int) -> Chunk,
    row: (inout Chunk, CSVRecord, UnsafePointer<UInt8>, FieldScratch) -> Void,
    problem: (inout Chunk, _ line: Int, CSVProblem) -> Void,
    finish: (inout Chunk) -> Void
  ) -> TokenizedChunk<Chunk> {
    let base = layout.base
    let total = mapped.count
    var tokenizer = CSVTokenizer(base: base, range: start..<total, limit: limit, firstLine: 0)
    var record = CSVRecord()
    let scratch = FieldScratch()
    var chunk = make(Int(Double(limit - start) * layout.recordsPerByte) + 16)
    while true {
      switch tokenizer.next(&record) {
      case .end:
        finish(&chunk)
        return TokenizedChunk(
          chunk: chunk, start: start, end: tokenizer.position, lines: tokenizer.line)
      case .record: row(&chunk, record, base, scratch)
      case .problem(let p): problem(&chunk, record.line, p)
      }
    }
  }
}

/// One chunk's result, with where its tokenizing began and ended and the lines it passed.
struct TokenizedChunk<Chunk: Sendable>: Sendable {
  var chunk: Chunk
  var start: Int
  var end: Int
  var lines: Int
}
