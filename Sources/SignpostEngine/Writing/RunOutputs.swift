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
  /// owner-only, and each file appears whole or not at all (``OwnerOnly``), in the order of
  /// ``files``: a file is named before the next reaches its checkpoint. The per-person files
  /// are written as they are built, a chunk of people at a time, so neither is ever held
  /// whole.
  ///
  /// While they are built, the summary's measures are worked out on another thread, and each
  /// per-person file is flushed to disk and named on another thread while the next work goes
  /// on.
  ///
  /// - Parameters:
  ///   - run: The scoring run.
  ///   - directory: The folder to write to.
  ///   - checkpoint: Called with `outputs.NAME` when half of file NAME is written (a test
  ///     hook, as the store's); if it throws, that file is not written.
  /// - Returns: The run summary written, with the `write` timing: the seconds from the start
  ///   until the summary was made (everything but writing summary.json, referrals.csv and
  ///   rejects.csv to disk after it).
  /// - Throws: ``OwnerOnly/WriteError`` if a folder or file cannot be written.
  @discardableResult
  public static func write(
    _ run: ScoringRun, to directory: String, checkpoint: (String) throws -> Void = { _ in }
  ) throws -> RunSummary {
    try write(run, to: directory, peoplePerChunk: peoplePerChunk, checkpoint: checkpoint)
  }

  /// ``write(_:to:checkpoint:)`` with the per-person files built `peoplePerChunk` people at
  /// a time.
  @discardableResult
  static func write(
    _ run: ScoringRun, to directory: String, peoplePerChunk: Int,
    checkpoint: (String) throws -> Void
  ) throws -> RunSummary {
    let clock = ContinuousClock()
    let start = clock.now
    try OwnerOnly.createDirectory(directory)
    // The summary's measures (the longest of these), its counts and the two small files are
    // made meanwhile, each on a thread of its own, while the lines fill the cores.
    let measured = Background { RunSummary.measureSections(run) }
    let counted = Background { RunSummary(run) }
    let small = Background { (referrals(run).bytes, rejects(run).bytes) }
    // The file before, being flushed and named on another thread.
    var naming: Background<Void>?
    defer {
      _ = try? naming?.wait()
      _ = try? measured.wait()
      _ = try? counted.wait()
      _ = try? small.wait()
    }
    let streamed: [(String, PerPersonFormat)] = [
      ("scores.csv", .csv), ("scores.ndjson", .ndjson),
    ]
    for (name, format) in streamed {
      let file = try OwnerOnly.UnnamedFile(directory + "/" + name, direct: true)
      do {
        try perPerson(
          run, format, peoplePerChunk: peoplePerChunk,
          halfway: {
            try naming?.wait()
            try checkpoint("outputs.\(name)")
          }, put: { try file.output.write($0) })
      } catch {
        file.discard()
        throw error
      }
      try naming?.wait()
      naming = Background { try file.name() }
    }
    let (referralBytes, rejectBytes) = try small.wait()
    let summary = try counted.wait().with(measureSections: measured.wait())
      .timed(writeSeconds: seconds(clock.now - start))
    let outputs = [
      ("referrals.csv", referralBytes), ("rejects.csv", rejectBytes),
      ("summary.json", Array(summary.json.utf8)),
    ]
    try naming?.wait()
    for (name, bytes) in outputs {
      try OwnerOnly.write(bytes, to: directory + "/" + name) { try checkpoint("outputs.\(name)") }
    }
    return summary
  }

  private static func seconds(_ d: Duration) -> Double {
    Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
  }

  /// scores.csv: a header, then a line per scored person.
  public static func scoresCSV(_ run: ScoringRun) -> [UInt8] { whole(run, .csv) }

  /// scores.ndjson: a JSON object per scored person, a line each.
  public static func scoresNDJSON(_ run: ScoringRun) -> [UInt8] { whole(run, .ndjson) }

  /// A per-person file built whole in memory.
  private static func whole(_ run: ScoringRun, _ format: PerPersonFormat) -> [UInt8] {
    var bytes: [UInt8] = []
    perPerson(
      run, format, peoplePerChunk: peoplePerChunk, halfway: {},
      put: { bytes.append(contentsOf: $0) })
    return bytes
  }

  /// The bytes of a per-person file handed to `put` in order, a chunk of people at a time:
  /// chunks are built on every core, a bounded number ahead of `put`. `halfway` is called
  /// once, when half the chunks are handed over.
  private static func perPerson(
    _ run: ScoringRun, _ format: PerPersonFormat, peoplePerChunk: Int,
    halfway: () throws -> Void, put: ([UInt8]) throws -> Void
  ) rethrows {
    let lines = PersonLines(run, format)
    try put(lines.header)
    let count = run.table.count
    let chunks = (count + peoplePerChunk - 1) / peoplePerChunk
    let cores = ProcessInfo.activeCores
    let builder = OrderedChunks(count: chunks, workers: cores, window: 3 * cores) { chunk in
      lines.chunk((chunk * peoplePerChunk)..<min(count, (chunk + 1) * peoplePerChunk))
    }
    defer { builder.finish() }
    for chunk in 0..<chunks {
      if chunk == chunks / 2 { try halfway() }
      try put(builder.take())
    }
    if chunks == 0 { try halfway() }
  }

  /// People per chunk of a per-person file: a few megabytes of lines.
  static let peoplePerChunk = 16_384

  /// One row per referral, in programme order then rank, with the person's band, the
  /// indicators that fired for them (`;`-separated, in pack order) and the programme's note:
  /// what a meeting checks.
  public static func referralsCSV(_ run: ScoringRun) -> String { referrals(run).text }

  /// rejects.csv: a row per rejected input row, in file and line order.
  public static func rejectsCSV(_ run: ScoringRun) -> String { rejects(run).text }

  private static func referrals(_ run: ScoringRun) -> CSVWriter {
    var csv = CSVWriter(header: [
      "programme", "rank", "person_id", "score", "band", "status", "fired", "note",
    ])
    // What many rows share is written as CSV once: each band and indicator name, and the
    // programme of a run of rows (they come a programme at a time).
    let bands = run.pack.scoring.bands.map { CSVWriter.written($0.id) }
    let names = run.pack.indicators.map(\.indicator.id)
    // When every name is written as it is (and none is a would-be formula), so is a list of
    // them joined by semicolons.
    let plainNames = names.allSatisfy { CSVWriter.written($0) == Array($0.utf8) }
    let nameBytes = names.map { Array($0.utf8) }
    var programme = (name: "", field: CSVWriter.written(""))
    var fired: [UInt8] = []
    let table = run.table
    let indicators = table.indicatorCount
    table.outcomes.withUnsafeBytes { outcomes in
      for referral in run.referrals {
        let p = referral.personIndex
        if referral.programme != programme.name {
          programme = (referral.programme, CSVWriter.written(referral.programme))
        }
        csv.appendWritten(programme.field, first: true)
        csv.appendNumber(referral.rank)
        csv.appendField(referral.id)
        csv.appendNumber(referral.score)
        csv.appendWritten(bands[Int(table.bands[p])])
        csv.appendField(referral.status.rawValue)
        let row = UnsafeRawBufferPointer(
          rebasing: outcomes[(p * indicators)..<((p + 1) * indicators)])
        if plainNames {
          fired.removeAll(keepingCapacity: true)
          var first = true
          OutcomeScan.forEach(ScoreTable.Outcome.fired.rawValue, in: row) { i in
            if !first { fired.append(0x3B) }
            first = false
            fired += nameBytes[i]
          }
          csv.appendWritten(fired)
        } else {
          csv.appendField(run.indicators(p, .fired).joined(separator: ";"))
        }
        csv.appendField(referral.note)
        csv.endRow()
      }
    }
    return csv
  }

  private static func rejects(_ run: ScoringRun) -> CSVWriter {
    var csv = CSVWriter(header: ["file", "line", "field", "reason"])
    for reject in run.read.rejects {
      csv.append([reject.file, String(reject.line), reject.field ?? "", reject.reason])
    }
    return csv
  }
}
