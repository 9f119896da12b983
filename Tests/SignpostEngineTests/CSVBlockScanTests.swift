import SignpostSynth
import Testing

@testable import SignpostEngine

/// What tokenizing a range gives: every record (its line, fields' ranges and bytes, the
/// escaped fields, lines in quotes, the high-byte flag) and problem, in order, then where
/// the tokenizer stopped and on which line.
private func trace(
  _ bytes: [UInt8], range: Range<Int>, limit: Int, scan: CSVTokenizer.Scan
) -> [String] {
  bytes.withUnsafeBufferPointer { buffer in
    guard let base = buffer.baseAddress else { return [] }
    var tokenizer = CSVTokenizer(base: base, range: range, limit: limit, firstLine: 1, scan: scan)
    var record = CSVRecord()
    let scratch = FieldScratch()
    var events: [String] = []
    while true {
      switch tokenizer.next(&record) {
      case .end:
        events.append("end at \(tokenizer.position) line \(tokenizer.line)")
        return events
      case .problem(let problem):
        events.append("line \(record.line): \(problem)")
      case .record:
        let fields = (0..<record.count).map { i in
          "\(record.range(i)) \(Array(record.field(i, in: base, scratch: scratch)))"
        }
        events.append(
          "line \(record.line) high \(record.hasHighBytes) quoted lines \(record.quotedLines)"
            + " escaped \(record.escaped): \(fields)")
      }
    }
  }
}

/// CSV-like bytes: records of short, long, empty and quoted fields (with `""` escapes, commas
/// and LF, CR and CRLF inside), LF, CR and CRLF line ends, blank lines, bytes outside ASCII,
/// and now and then a quote in an unquoted field, text after a closing quote, or a quote that
/// is never closed.
private func randomCSV(records: Int, using random: inout SynthRandom) -> [UInt8] {
  let plain = Array("abcxyz0123456789 -_/.:\t".utf8) + [0xC3, 0xA9, 0xE9, 0x80, 0xFF]
  let lineEnds: [[UInt8]] = [[0x0A], [0x0D, 0x0A], [0x0D]]
  func pick<Element>(_ elements: [Element], _ random: inout SynthRandom) -> Element {
    elements[random.int(below: elements.count)]
  }
  func text(_ count: Int, _ random: inout SynthRandom) -> [UInt8] {
    (0..<count).map { _ in pick(plain, &random) }
  }
  var bytes: [UInt8] = []
  for _ in 0..<records {
    let fields = random.int(in: 1...9)
    for f in 0..<fields {
      if f > 0 { bytes.append(0x2C) }
      switch random.int(below: 100) {
      case 0..<15: break
      case 15..<70: bytes += text(random.int(in: 1...12), &random)
      case 70..<80: bytes += text(random.int(in: 13...150), &random)
      case 80..<97:
        bytes.append(0x22)
        for _ in 0..<random.int(in: 0...10) {
          switch random.int(below: 10) {
          case 0: bytes += [0x22, 0x22]
          case 1: bytes.append(0x2C)
          case 2: bytes += pick(lineEnds, &random)
          default: bytes += text(random.int(in: 1...6), &random)
          }
        }
        bytes.append(0x22)
        if random.int(below: 30) == 0 { bytes += text(2, &random) }
      case 97, 98: bytes += text(3, &random) + [0x22] + text(2, &random)
      default:
        if random.int(below: 4) == 0 { bytes += [0x22] + text(5, &random) }
      }
    }
    bytes += pick(lineEnds, &random)
    while random.int(below: 8) == 0 {
      bytes += pick(lineEnds, &random)
    }
  }
  if random.chance(0.5) { bytes += text(random.int(in: 1...70), &random) }
  return bytes
}

/// Records read from the bitmasks of 64-byte blocks — classified by the vector path and by
/// the portable one — give exactly what the general byte loop gives on random CSV: every
/// field's range and bytes, line, escape, lines in quotes, high-byte flag and problem, where
/// the range starts at each position in a block, ends inside a block (with bytes after it
/// that must not be read), and with the chunk limit at every position.
@Test func blockScannedRecordsAreWhatTheByteLoopReads() {
  var random = SynthRandom(seed: 10)
  var seen = ""
  for round in 0..<200 {
    let bytes = randomCSV(records: random.int(in: 1...12), using: &random)
    let start = round % 64
    guard start <= bytes.count else { continue }
    // The range's end at every position (the limit there), or the limit at every position.
    let ends = round < 20 ? Array(start...bytes.count) : [bytes.count]
    for end in ends {
      let limits = round >= 20 && round < 40 ? Array(start...end) : [end]
      for limit in limits {
        let expected = trace(bytes, range: start..<end, limit: limit, scan: .bytes)
        if end == bytes.count, limit == end { seen += expected.joined() }
        for scan in [CSVTokenizer.Scan.blocks, .portableBlocks] {
          let read = trace(bytes, range: start..<end, limit: limit, scan: scan)
          #expect(read == expected, "round \(round) end \(end) limit \(limit) \(scan)")
          if read != expected { return }
        }
      }
    }
  }
  // The inputs hold every case the general loop handles.
  for kind in [
    "quoteInUnquotedField", "unterminatedQuote", "high true", "escaped [0", "quoted lines 1",
  ] {
    #expect(seen.contains(kind), "no \(kind)")
  }
}

/// Records of many short fields crossing every position of a block boundary, with a record
/// of more fields than a record first has room for, give the byte loop's fields and lines.
@Test func blockScannedRecordsCrossEveryBlockBoundary() {
  for shift in 0..<64 {
    var bytes = [UInt8](repeating: 0x78, count: shift) + [0x0A]
    for r in 0..<40 {
      let fields = r == 7 ? 100 : 1 + r % 6
      bytes += Array((0..<fields).map { "f\(r * 7 % ($0 + 3))" }.joined(separator: ",").utf8)
      bytes += r % 3 == 0 ? [0x0D, 0x0A] : r % 3 == 1 ? [0x0A] : [0x0D]
    }
    let expected = trace(bytes, range: 0..<bytes.count, limit: bytes.count, scan: .bytes)
    #expect(expected.count == (shift == 0 ? 41 : 42))
    for scan in [CSVTokenizer.Scan.blocks, .portableBlocks] {
      #expect(
        trace(bytes, range: 0..<bytes.count, limit: bytes.count, scan: scan) == expected,
        "shift \(shift) \(scan)")
    }
  }
}
