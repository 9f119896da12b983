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
/// fixed piece of a line (the pack's names as the format spells them, the JSON keys) is
/// spelled once, and a chunk of lines is written into one buffer of its largest possible size,
/// so a line costs no string, no allocation and no reference counting.
struct PersonLines: Sendable {
  let format: PerPersonFormat
  let table: ScoreTable
  let ids: [String]
  /// The file's first bytes (the CSV header; nothing for NDJSON).
  let header: [UInt8]
  /// Every fixed piece, one after another; `Piece`s say where each is.
  private let spelled: [UInt8]
  private let indicators: [Piece]
  private let bands: [Piece]
  /// What comes before each domain's points: its key (NDJSON) or a comma (CSV).
  private let domains: [Piece]
  /// What comes before the id, the score, the band, the domains, the fired indicators and the
  /// indicators not evaluated, and what ends the line.
  private let beforeID: Piece
  private let beforeScore: Piece
  private let beforeBand: Piece
  private let beforeDomains: Piece
  private let beforeFired: Piece
  private let beforeNotEvaluated: Piece
  private let lineEnd: Piece
  /// Between two domains, and between two indicators.
  private let domainSeparator: Piece
  private let indicatorSeparator: UInt8
  /// The most bytes a line takes besides its id.
  private let lineBound: Int

  /// Where a fixed piece is in `spelled`.
  private struct Piece {
    var start: Int
    var count: Int
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
      bands = bandIDs.map(piece)
      domains = domainIDs.map { _ in piece(",") }
      beforeID = piece("")
      beforeScore = piece(",")
      beforeBand = piece(",")
      beforeDomains = piece("")
      beforeFired = piece(",")
      beforeNotEvaluated = piece(",")
      lineEnd = piece("\r\n")
      domainSeparator = piece("")
      indicatorSeparator = 0x3B
    case .ndjson:
      header = []
      indicators = indicatorIDs.map { piece(JSONText.string($0)) }
      bands = bandIDs.map { piece(JSONText.string($0)) }
      domains = domainIDs.map { piece(JSONText.string($0) + ":") }
      beforeID = piece(#"{"id":"#)
      beforeScore = piece(#","score":"#)
      beforeBand = piece(#","band":"#)
      beforeDomains = piece(#","domains":{"#)
      beforeFired = piece(#"},"fired":["#)
      beforeNotEvaluated = piece(#"],"not_evaluated":["#)
      lineEnd = piece("]}\n")
      domainSeparator = piece(",")
      indicatorSeparator = 0x2C
    }
    self.spelled = spelled
    // Every piece once (an indicator is in one list at most), a separator per domain and per
    // indicator, and the longest number (20 bytes) for the score and each domain's points.
    lineBound =
      spelled.count + domainSeparator.count * domainIDs.count + indicatorIDs.count
      + 20 * (1 + domainIDs.count)
  }

  /// The lines of the scored people among `people`, in order.
  func chunk(_ people: Range<Int>) -> [UInt8] {
    let table = table
    return ids.withUnsafeBufferPointer { ids in
      table.inScope.withUnsafeBufferPointer { inScope in
        // The id is the only part of a line whose length is not bounded beforehand: as JSON,
        // a byte may take six (`\u001f`).
        var bound = 0
        for p in people where inScope[p] { bound += lineBound + 6 * ids[p].utf8.count + 3 }
        return [UInt8](unsafeUninitializedCapacity: bound) { buffer, count in
          guard let base = buffer.baseAddress else { return }
          var out = LineBuffer(base: base, count: 0)
          spelled.withUnsafeBufferPointer { spelled in
            table.scores.withUnsafeBufferPointer { scores in
              table.bands.withUnsafeBufferPointer { bandOf in
                table.domainPoints.withUnsafeBufferPointer { points in
                  table.outcomes.withUnsafeBufferPointer { outcomes in
                    let domainCount = table.domainCount
                    let indicatorCount = table.indicatorCount
                    for p in people where inScope[p] {
                      out.put(beforeID, spelled)
                      id(ids[p], &out)
                      out.put(beforeScore, spelled)
                      out.int(Int(scores[p]))
                      out.put(beforeBand, spelled)
                      out.put(bands[Int(bandOf[p])], spelled)
                      out.put(beforeDomains, spelled)
                      for d in 0..<domainCount {
                        if d > 0 { out.put(domainSeparator, spelled) }
                        out.put(domains[d], spelled)
                        out.int(Int(points[p * domainCount + d]))
                      }
                      let row = UnsafeBufferPointer(
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
          precondition(out.count <= bound, "a chunk of lines outgrew its bound")
          count = out.count
        }
      }
    }
  }

  /// The person's id as the format writes it: bytes that need no quoting or escaping in
  /// either format are copied as they are; any other id is written by ``CSVText`` or
  /// ``JSONText``, the one place each format quotes.
  private func id(_ id: String, _ out: inout LineBuffer) {
    let copied = id.utf8.withContiguousStorageIfAvailable { bytes -> Bool in
      guard Self.isPlain(bytes) else { return false }
      if format == .ndjson { out.byte(0x22) }
      out.put(bytes)
      if format == .ndjson { out.byte(0x22) }
      return true
    }
    guard copied != true else { return }
    var escaped: [UInt8] = []
    switch format {
    case .csv: CSVText.appendField(id, safe: true, to: &escaped)
    case .ndjson: JSONText.append(id, to: &escaped)
    }
    escaped.withUnsafeBufferPointer { out.put($0) }
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
  private func indicatorList(
    _ row: UnsafeBufferPointer<UInt8>, _ outcome: ScoreTable.Outcome,
    _ spelled: UnsafeBufferPointer<UInt8>, _ out: inout LineBuffer
  ) {
    var first = true
    let words = UnsafeRawBufferPointer(row)
    var start = 0
    while start < row.count {
      let end = min(start + 8, row.count)
      // Most outcomes are "not fired": eight of them are passed over at once.
      if end - start == 8
        && words.loadUnaligned(fromByteOffset: start, as: UInt64.self) == Self.eightNotFired
      {
        start = end
        continue
      }
      for i in start..<end where row[i] == outcome.rawValue {
        if !first { out.byte(indicatorSeparator) }
        first = false
        out.put(indicators[i], spelled)
      }
      start = end
    }
  }

  /// Eight outcome bytes, each "not fired".
  private static let eightNotFired =
    UInt64(ScoreTable.Outcome.notFired.rawValue) * 0x0101_0101_0101_0101

  /// Bytes written one after another into memory reserved beforehand.
  private struct LineBuffer {
    let base: UnsafeMutablePointer<UInt8>
    var count: Int

    @inline(__always) mutating func byte(_ b: UInt8) {
      base[count] = b
      count += 1
    }

    @inline(__always) mutating func put(_ bytes: UnsafeBufferPointer<UInt8>) {
      guard let start = bytes.baseAddress else { return }
      (base + count).update(from: start, count: bytes.count)
      count += bytes.count
    }

    @inline(__always) mutating func put(_ piece: Piece, _ spelled: UnsafeBufferPointer<UInt8>) {
      put(UnsafeBufferPointer(rebasing: spelled[piece.start..<(piece.start + piece.count)]))
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
