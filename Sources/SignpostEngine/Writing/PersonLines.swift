import SignpostRules
import SignpostSource

/// The two per-person output files.
enum PerPersonFormat: Sendable {
  /// scores.csv: `person_id,score,band,points_…,fired,not_evaluated`, CRLF lines.
  case csv
  /// scores.ndjson: one JSON object a line.
  case ndjson
}

/// The lines of a per-person output file, built as bytes straight from the score table: every
/// fixed piece of a line (the pack's names as the format spells them, the JSON keys, what
/// comes between two fields) is spelled once, the numbers of one byte (scores, and domain
/// points in most packs) are spelled once each, and a chunk of lines is written into one
/// buffer of its largest possible size, so a line costs no string, no allocation and no
/// reference counting. A piece is copied as fixed-size blocks (the spellings and the buffer
/// have room past their ends), not byte by byte or through `memmove`.
struct PersonLines: Sendable {
  let format: PerPersonFormat
  let table: ScoreTable
  let ids: [String]
  /// The file's first bytes (the CSV header; nothing for NDJSON).
  let header: [UInt8]
  /// Every fixed piece, one after another, then ``slack`` bytes; `Piece`s say where each is.
  private let spelled: [UInt8]
  private let indicators: [Piece]
  /// Per band: what comes between the score and the first domain's points.
  private let bands: [Piece]
  /// Per domain: what comes before its points.
  private let domains: [Piece]
  /// Around an id written as it is, and around one written by ``CSVText`` or ``JSONText``
  /// (the quotes are its own); after it comes the score.
  private let beforePlainID: Piece
  private let afterPlainID: Piece
  private let beforeID: Piece
  private let afterID: Piece
  /// What comes before the fired indicators and the indicators not evaluated, and what ends
  /// the line.
  private let beforeFired: Piece
  private let beforeNotEvaluated: Piece
  private let lineEnd: Piece
  /// Between two indicators.
  private let indicatorSeparator: UInt8
  /// The spellings of 0...255 (scores) and of -128...127 by their bit patterns (domain
  /// points of one byte): up to four bytes each, in the low bytes of a word.
  private let unsignedBytes: [SpelledNumber]
  private let signedBytes: [SpelledNumber]
  /// The most bytes a line takes besides its id.
  private let lineBound: Int

  /// The bytes a piece is copied in at once: past the end of every piece there are this many
  /// bytes to read, and past the end of every line's bound this many to write.
  static let slack = 32

  /// Where a fixed piece is in `spelled`.
  private struct Piece {
    var start: Int
    var count: Int
  }

  /// A number of up to four characters: its bytes in the low bytes of `word`.
  private struct SpelledNumber {
    var word: UInt32
    var count: Int

    init(_ value: Int) {
      let text = Array(String(value).utf8)
      word = 0
      for (n, byte) in text.enumerated() { word |= UInt32(byte) << (8 * n) }
      count = text.count
    }
  }

  init(_ run: ScoringRun, _ format: PerPersonFormat) {
    self.format = format
    table = run.table
    ids = run.read.population.ids
    let pack = run.pack
    let indicatorIDs = pack.indicators.map(\.indicator.id)
    let bandIDs = pack.scoring.bands.map(\.id)
    let domainIDs = pack.scoring.domains.map(\.id)
    var spelled: [UInt8] = []
    func piece(_ text: String) -> Piece {
      let start = spelled.count
      spelled.append(contentsOf: text.utf8)
      return Piece(start: start, count: spelled.count - start)
    }
    switch format {
    case .csv:
      header =
        Array(
          (["person_id", "score", "band"] + domainIDs.map { "points_\($0)" } + [
            "fired", "not_evaluated",
          ]).joined(separator: ",").utf8) + [0x0D, 0x0A]
      indicators = indicatorIDs.map(piece)
      bands = bandIDs.map { piece("," + $0) }
      domains = domainIDs.map { _ in piece(",") }
      beforePlainID = piece("")
      afterPlainID = piece(",")
      beforeID = beforePlainID
      afterID = afterPlainID
      beforeFired = piece(",")
      beforeNotEvaluated = piece(",")
      lineEnd = piece("\r\n")
      indicatorSeparator = 0x3B
    case .ndjson:
      header = []
      indicators = indicatorIDs.map { piece(JSONText.string($0)) }
      bands = bandIDs.map { piece(#","band":"# + JSONText.string($0) + #","domains":{"#) }
      domains = domainIDs.enumerated().map { d, id in
        piece((d > 0 ? "," : "") + JSONText.string(id) + ":")
      }
      beforePlainID = piece(#"{"id":""#)
      afterPlainID = piece(#"","score":"#)
      beforeID = piece(#"{"id":"#)
      afterID = piece(#","score":"#)
      beforeFired = piece(#"},"fired":["#)
      beforeNotEvaluated = piece(#"],"not_evaluated":["#)
      lineEnd = piece("]}\n")
      indicatorSeparator = 0x2C
    }
    // Every piece once (an indicator is in one list at most), a separator per indicator,
    // and the longest number (20 bytes) for the score and each domain's points.
    lineBound = spelled.count + indicatorIDs.count + 20 * (1 + domainIDs.count)
    spelled += [UInt8](repeating: 0, count: Self.slack)
    self.spelled = spelled
    unsignedBytes = (0...255).map(SpelledNumber.init)
    signedBytes = (0...255).map { SpelledNumber(Int(Int8(truncatingIfNeeded: $0))) }
  }

  /// The lines of the scored people among `people`, in order.
  func chunk(_ people: Range<Int>) -> [UInt8] {
    let table = table
    return ids.withUnsafeBufferPointer { ids in
      table.inScope.withUnsafeBufferPointer { inScope in
        // The id is the only part of a line whose length is not bounded beforehand: as JSON,
        // a byte may take six (`\u001f`).
        var bound = Self.slack
        for p in people where inScope[p] { bound += lineBound + 6 * ids[p].utf8.count + 3 }
        return [UInt8](unsafeUninitializedCapacity: bound) { buffer, count in
          guard let base = buffer.baseAddress else { return }
          var out = LineBuffer(base: base, count: 0)
          spelled.withUnsafeBytes { spelledBytes in
            // Never empty: the slack follows the pieces.
            guard let spelled = spelledBytes.baseAddress else { return }
            unsignedBytes.withUnsafeBufferPointer { unsignedBytes in
              signedBytes.withUnsafeBufferPointer { signedBytes in
                table.scores.withUnsafeBufferPointer { scores in
                  table.bands.withUnsafeBufferPointer { bandOf in
                    table.domainPoints.withUnsafeBufferPointer { points in
                      table.outcomes.withUnsafeBytes { outcomes in
                        let domainCount = table.domainCount
                        let indicatorCount = table.indicatorCount
                        for p in people where inScope[p] {
                          id(ids[p], spelled, &out)
                          out.number(unsignedBytes[Int(scores[p])])
                          out.put(bands[Int(bandOf[p])], spelled)
                          for d in 0..<domainCount {
                            out.put(domains[d], spelled)
                            if points.wide.isEmpty {
                              out.number(
                                signedBytes[
                                  Int(UInt8(bitPattern: points.narrow[p * domainCount + d]))])
                            } else {
                              out.int(Int(points.wide[p * domainCount + d]))
                            }
                          }
                          let row = UnsafeRawBufferPointer(
                            rebasing: outcomes[(p * indicatorCount)..<((p + 1) * indicatorCount)])
                          out.put(beforeFired, spelled)
                          indicatorList(row, .fired, spelled, &out)
                          out.put(beforeNotEvaluated, spelled)
                          indicatorList(row, .notEvaluated, spelled, &out)
                          out.put(lineEnd, spelled)
                        }
                      }
                    }
                  }
                }
              }
            }
          }
          precondition(out.count + Self.slack <= bound, "a chunk of lines outgrew its bound")
          count = out.count
        }
      }
    }
  }

  /// The person's id as the format writes it, with what comes before it and before the score:
  /// bytes that need no quoting or escaping in either format are copied as they are; any
  /// other id is written by ``CSVText`` or ``JSONText``, the one place each format quotes.
  private func id(_ id: String, _ spelled: UnsafeRawPointer, _ out: inout LineBuffer) {
    let copied = id.utf8.withContiguousStorageIfAvailable { bytes -> Bool in
      guard Self.isPlain(bytes) else { return false }
      out.put(beforePlainID, spelled)
      out.put(bytes)
      out.put(afterPlainID, spelled)
      return true
    }
    guard copied != true else { return }
    var escaped: [UInt8] = []
    switch format {
    case .csv: CSVText.appendField(id, safe: true, to: &escaped)
    case .ndjson: JSONText.append(id, to: &escaped)
    }
    out.put(beforeID, spelled)
    escaped.withUnsafeBufferPointer { out.put($0) }
    out.put(afterID, spelled)
  }

  /// Whether `bytes` are written as they are in both formats: no control character, quote,
  /// backslash or comma, and not a spreadsheet formula's first byte; as JSON they still need
  /// their quotes.
  private static func isPlain(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    guard !CSVText.startsFormula(bytes.first) else { return false }
    for b in bytes where b < 0x20 || b == 0x22 || b == 0x5C || b == 0x2C { return false }
    return true
  }

  /// The indicators with `outcome` in one person's outcomes, in pack order, between
  /// separators.
  @inline(__always) private func indicatorList(
    _ row: UnsafeRawBufferPointer, _ outcome: ScoreTable.Outcome,
    _ spelled: UnsafeRawPointer, _ out: inout LineBuffer
  ) {
    var first = true
    OutcomeScan.forEach(outcome.rawValue, in: row) { i in
      if !first { out.byte(indicatorSeparator) }
      first = false
      out.put(indicators[i], spelled)
    }
  }

  /// Bytes written one after another into memory reserved beforehand, with ``slack`` bytes
  /// to spare past the end.
  private struct LineBuffer {
    let base: UnsafeMutablePointer<UInt8>
    var count: Int

    @inline(__always) mutating func byte(_ b: UInt8) {
      base[count] = b
      count += 1
    }

    /// Copies `bytes`, which may end anywhere (nothing past their end is read).
    @inline(__always) mutating func put(_ bytes: UnsafeBufferPointer<UInt8>) {
      guard let start = bytes.baseAddress else { return }
      let n = bytes.count
      let to = UnsafeMutableRawPointer(base + count)
      let from = UnsafeRawPointer(start)
      if n >= 8 && n <= 16 {
        // Two words that may overlap.
        to.storeBytes(of: from.loadUnaligned(as: UInt64.self), as: UInt64.self)
        to.storeBytes(
          of: from.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self), toByteOffset: n - 8,
          as: UInt64.self)
      } else {
        to.copyMemory(from: from, byteCount: n)
      }
      count += n
    }

    /// Copies a fixed piece ``PersonLines/slack`` bytes at a time: there are bytes to read
    /// past the end of every piece and room to write past the end of every line.
    @inline(__always) mutating func put(_ piece: Piece, _ spelled: UnsafeRawPointer) {
      var offset = 0
      repeat {
        let block = (spelled + piece.start + offset).loadUnaligned(as: SIMD32<UInt8>.self)
        UnsafeMutableRawPointer(base + count + offset).storeBytes(
          of: block, as: SIMD32<UInt8>.self)
        offset += PersonLines.slack
      } while offset < piece.count
      count += piece.count
    }

    /// A number spelled beforehand: its word is written whole, the count kept.
    @inline(__always) mutating func number(_ spelled: SpelledNumber) {
      UnsafeMutableRawPointer(base + count).storeBytes(of: spelled.word, as: UInt32.self)
      count += spelled.count
    }

    /// The decimal digits of `value`, with a minus sign when negative.
    mutating func int(_ value: Int) {
      if value >= 0 && value < 10 {
        byte(UInt8(48 + value))
        return
      }
      if value < 0 { byte(0x2D) }
      var magnitude = value.magnitude
      var digits = 0
      var rest = magnitude
      repeat {
        digits += 1
        rest /= 10
      } while rest > 0
      var at = count + digits
      count = at
      repeat {
        at -= 1
        base[at] = UInt8(48 + magnitude % 10)
        magnitude /= 10
      } while magnitude > 0
    }
  }
}
