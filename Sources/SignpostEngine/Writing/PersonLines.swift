import SignpostRules
import SignpostSource

/// The two per-person output files.
enum PerPersonFormat: Sendable {
  /// scores.csv: `person_id,score,band,points_…,fired,not_evaluated`, CRLF lines.
  case csv
  /// scores.ndjson: one JSON object a line.
  case ndjson
}

/// The lines of a per-person output file, built as bytes straight from the score table: the
/// pack's names are encoded once, and each line costs no string but the person's id.
struct PersonLines: Sendable {
  let format: PerPersonFormat
  let table: ScoreTable
  let ids: [String]
  /// The file's first bytes (the CSV header; nothing for NDJSON).
  let header: [UInt8]
  /// Each indicator's id, each band's id and each domain's key, as the format writes them.
  private let indicators: [[UInt8]]
  private let bands: [[UInt8]]
  private let domains: [[UInt8]]

  init(_ run: ScoringRun, _ format: PerPersonFormat) {
    self.format = format
    table = run.table
    ids = run.read.population.ids
    let pack = run.pack
    let indicatorIDs = pack.indicators.map(\.indicator.id)
    let bandIDs = pack.scoring.bands.map(\.id)
    let domainIDs = pack.scoring.domains.map(\.id)
    switch format {
    case .csv:
      header =
        Array(
          (["person_id", "score", "band"] + domainIDs.map { "points_\($0)" } + [
            "fired", "not_evaluated",
          ]).joined(separator: ",").utf8) + [0x0D, 0x0A]
      indicators = indicatorIDs.map { Array($0.utf8) }
      bands = bandIDs.map { Array($0.utf8) }
      domains = []
    case .ndjson:
      header = []
      indicators = indicatorIDs.map { Array(JSONText.string($0).utf8) }
      bands = bandIDs.map { Array(JSONText.string($0).utf8) }
      domains = domainIDs.map { Array((JSONText.string($0) + ":").utf8) }
    }
  }

  /// The lines of the scored people among `people`, in order.
  func chunk(_ people: Range<Int>) -> [UInt8] {
    var text = ByteText()
    text.bytes.reserveCapacity(people.count * (format == .csv ? 96 : 256))
    for p in people where table.inScope[p] {
      switch format {
      case .csv: csvLine(p, &text)
      case .ndjson: jsonLine(p, &text)
      }
    }
    return text.bytes
  }

  private func csvLine(_ p: Int, _ text: inout ByteText) {
    text.csvField(ids[p])
    text.byte(0x2C)
    text.int(Int(table.scores[p]))
    text.byte(0x2C)
    text.append(bands[Int(table.bands[p])])
    let domainCount = table.domainCount
    for d in 0..<domainCount {
      text.byte(0x2C)
      text.int(Int(table.domainPoints[p * domainCount + d]))
    }
    text.byte(0x2C)
    indicatorList(p, .fired, separator: 0x3B, &text)
    text.byte(0x2C)
    indicatorList(p, .notEvaluated, separator: 0x3B, &text)
    text.byte(0x0D)
    text.byte(0x0A)
  }

  private func jsonLine(_ p: Int, _ text: inout ByteText) {
    text.append(Self.idKey)
    JSONText.append(ids[p], to: &text.bytes)
    text.append(Self.scoreKey)
    text.int(Int(table.scores[p]))
    text.append(Self.bandKey)
    text.append(bands[Int(table.bands[p])])
    text.append(Self.domainsKey)
    for d in domains.indices {
      if d > 0 { text.byte(0x2C) }
      text.append(domains[d])
      text.int(Int(table.domainPoints[p * domains.count + d]))
    }
    text.append(Self.firedKey)
    indicatorList(p, .fired, separator: 0x2C, &text)
    text.append(Self.notEvaluatedKey)
    indicatorList(p, .notEvaluated, separator: 0x2C, &text)
    text.append(Self.lineEnd)
  }

  /// The indicators with `outcome` for person `p`, in pack order, between separators.
  private func indicatorList(
    _ p: Int, _ outcome: ScoreTable.Outcome, separator: UInt8, _ text: inout ByteText
  ) {
    var first = true
    for i in 0..<table.indicatorCount where table.outcome(p, i) == outcome {
      if !first { text.byte(separator) }
      first = false
      text.append(indicators[i])
    }
  }

  private static let idKey = Array(#"{"id":"#.utf8)
  private static let scoreKey = Array(#","score":"#.utf8)
  private static let bandKey = Array(#","band":"#.utf8)
  private static let domainsKey = Array(#","domains":{"#.utf8)
  private static let firedKey = Array(#"},"fired":["#.utf8)
  private static let notEvaluatedKey = Array(#"],"not_evaluated":["#.utf8)
  private static let lineEnd = Array("]}\n".utf8)
}
