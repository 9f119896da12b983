import Foundation
import SignpostRules
import SignpostSource

/// The files a scoring run writes: scores (CSV and NDJSON), referrals, rejects and the run
/// summary. Everything but the summary's `timings` is the same bytes for the same inputs,
/// whichever evaluator ran and however many threads it used.
public enum RunOutputs {
  public static let files = [
    "scores.csv", "scores.ndjson", "referrals.csv", "rejects.csv", "summary.json",
  ]

  /// Writes every output file into `directory`, creating it if needed. Folder and files are
  /// owner-only, and each file appears whole or not at all (``OwnerOnly``).
  ///
  /// - Parameters:
  ///   - run: The scoring run.
  ///   - directory: The folder to write to.
  ///   - checkpoint: Called with `outputs.NAME` when half of file NAME is written (a test
  ///     hook, as the store's); if it throws, that file is not written.
  /// - Throws: ``OwnerOnly/WriteError`` if a folder or file cannot be written.
  public static func write(
    _ run: ScoringRun, to directory: String, checkpoint: (String) throws -> Void = { _ in }
  ) throws {
    try OwnerOnly.createDirectory(directory)
    // Each file is built and written before the next, so only one is held in memory.
    let outputs: [(String, () -> [UInt8])] = [
      ("scores.csv", { scoresCSV(run) }), ("scores.ndjson", { scoresNDJSON(run) }),
      ("referrals.csv", { Array(referralsCSV(run).utf8) }),
      ("rejects.csv", { Array(rejectsCSV(run).utf8) }),
      ("summary.json", { Array(RunSummary(run).json.utf8) }),
    ]
    for (name, bytes) in outputs {
      try OwnerOnly.write(bytes(), to: directory + "/" + name) { try checkpoint("outputs.\(name)") }
    }
  }

  /// One line per scored person, written in parallel chunks and joined in order.
  private static func perPerson(
    _ run: ScoringRun, header: String, _ line: @Sendable (Int, inout ByteText) -> Void
  ) -> [UInt8] {
    let count = run.table.count
    let chunks = SharedBuffer<[UInt8]>(repeating: [], count: max(1, (count + 4095) / 4096))
    Parallel.forEachChunk(count: chunks.pointer.count) { range in
      for chunk in range {
        var text = ByteText()
        for p in (chunk * 4096)..<min(count, (chunk + 1) * 4096) where run.table.inScope[p] {
          line(p, &text)
        }
        chunks[chunk] = text.bytes
      }
    }
    // Each chunk is let go once copied, so the lines are not held twice.
    var bytes = Array(header.utf8)
    bytes.reserveCapacity(bytes.count + chunks.pointer.reduce(0) { $0 + $1.count })
    for n in chunks.pointer.indices {
      bytes.append(contentsOf: chunks[n])
      chunks[n] = []
    }
    return bytes
  }

  public static func scoresCSV(_ run: ScoringRun) -> [UInt8] {
    let pack = run.pack
    let ids = pack.indicators.map { Array($0.indicator.id.utf8) }
    let bands = pack.scoring.bands.map { Array($0.id.utf8) }
    let domains = pack.scoring.domains.count
    let header =
      (["person_id", "score", "band"] + pack.scoring.domains.map { "points_\($0.id)" } + [
        "fired", "not_evaluated",
      ]).joined(separator: ",") + "\r\n"
    return perPerson(run, header: header) { p, text in
      let table = run.table
      text.csvField(run.id(p))
      text.byte(0x2C)
      text.int(Int(table.scores[p]))
      text.byte(0x2C)
      text.append(bands[Int(table.bands[p])])
      for d in 0..<domains {
        text.byte(0x2C)
        text.int(Int(table.domainPoints[p * domains + d]))
      }
      for outcome in [ScoreTable.Outcome.fired, .notEvaluated] {
        text.byte(0x2C)
        var first = true
        for i in 0..<table.indicatorCount where table.outcome(p, i) == outcome {
          if !first { text.byte(0x3B) }
          first = false
          text.append(ids[i])
        }
      }
      text.byte(0x0D)
      text.byte(0x0A)
    }
  }

  public static func scoresNDJSON(_ run: ScoringRun) -> [UInt8] {
    let pack = run.pack
    let ids = pack.indicators.map { Array(JSONText.string($0.indicator.id).utf8) }
    let bands = pack.scoring.bands.map { Array(JSONText.string($0.id).utf8) }
    let domainKeys = pack.scoring.domains.map { Array(JSONText.string($0.id).utf8) }
    return perPerson(run, header: "") { p, text in
      let table = run.table
      text.append(Array(#"{"id":"#.utf8))
      text.append(Array(JSONText.string(run.id(p)).utf8))
      text.append(Array(#","score":"#.utf8))
      text.int(Int(table.scores[p]))
      text.append(Array(#","band":"#.utf8))
      text.append(bands[Int(table.bands[p])])
      text.append(Array(#","domains":{"#.utf8))
      for d in domainKeys.indices {
        if d > 0 { text.byte(0x2C) }
        text.append(domainKeys[d])
        text.byte(0x3A)
        text.int(Int(table.domainPoints[p * domainKeys.count + d]))
      }
      let lists: [(String, ScoreTable.Outcome)] = [
        (#"},"fired":["#, .fired), (#","not_evaluated":["#, .notEvaluated),
      ]
      for (opening, outcome) in lists {
        text.append(Array(opening.utf8))
        var first = true
        for i in 0..<table.indicatorCount where table.outcome(p, i) == outcome {
          if !first { text.byte(0x2C) }
          first = false
          text.append(ids[i])
        }
        text.byte(0x5D)
      }
      text.append(Array("}\n".utf8))
    }
  }

  /// One row per referral, in programme order then rank, with the person's band, the
  /// indicators that fired for them (`;`-separated, in pack order) and the programme's note:
  /// what a meeting checks.
  public static func referralsCSV(_ run: ScoringRun) -> String {
    var csv = CSVWriter(header: [
      "programme", "rank", "person_id", "score", "band", "status", "fired", "note",
    ])
    for referral in run.referrals {
      csv.append([
        referral.programme, String(referral.rank), referral.id, String(referral.score),
        run.band(referral.personIndex), referral.status.rawValue,
        run.indicators(referral.personIndex, .fired).joined(separator: ";"), referral.note,
      ])
    }
    return csv.text
  }

  public static func rejectsCSV(_ run: ScoringRun) -> String {
    var csv = CSVWriter(header: ["file", "line", "field", "reason"])
    for reject in run.read.rejects {
      csv.append([reject.file, String(reject.line), reject.field ?? "", reject.reason])
    }
    return csv.text
  }
}

/// Output text built as bytes, without intermediate strings.
struct ByteText {
  var bytes: [UInt8] = []

  @inline(__always) mutating func byte(_ b: UInt8) { bytes.append(b) }

  @inline(__always) mutating func append(_ other: some Sequence<UInt8>) {
    bytes.append(contentsOf: other)
  }

  mutating func int(_ value: Int) {
    if value < 0 {
      bytes.append(0x2D)
      int(-value)
      return
    }
    if value >= 10 { int(value / 10) }
    bytes.append(UInt8(48 + value % 10))
  }
}
