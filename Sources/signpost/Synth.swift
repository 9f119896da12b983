import ArgumentParser
import Foundation
import SignpostRules
import SignpostSource
import SignpostSynth

/// `signpost synth`: deterministic synthetic partner extracts for a pack's schema.
struct Synth: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Generate linked, realistic synthetic partner extracts for a rule pack's schema.",
    discussion: """
      Writes one CSV per table of the schema under --out (--shape tidy: the tables keyed by \
      person ids; --shape partner: the partners' own extracts with a linkage file), with \
      young people aged 0-25, their \
      parents and carers, schools, wards, social care, events and links, calibrated to the \
      national figures in DOMAIN.md (see docs/synthetic-data.md). --bad-rows plants that many \
      malformed rows, listed in synth-manifest.json with their file and line. The same seed, \
      size, date and schema always give the same bytes. Exit status: 0 written; 1 the schema \
      does not load; 7 a file could not be written.
      """)

  @Option(help: "The number of young people aged 0-25 (their parents and carers are added).")
  var people: Int

  @Option(help: "The seed: the same seed gives the same files.")
  var seed: UInt64

  @Option(help: "The folder to write the extracts to.", completion: .directory)
  var out: String

  @Option(help: "The rule pack whose schema the extracts follow.", completion: .directory)
  var pack = "rules/wigan"

  @Option(
    name: .customLong("as-of"),
    help: "The date the extracts are taken, YYYY-MM-DD (default: today, UTC).")
  var asOf: String?

  @Option(
    name: .customLong("bad-rows"), help: "How many deliberately bad rows to plant (0 for none).")
  var badRows = SynthConfiguration.defaultBadRows

  @Option(
    help:
      "tidy: the council's tables keyed by person ids; partner: the partners' own extracts keyed by their ids (UPN, NHS number, ...) with a linkage file. The same seed gives the same people in both."
  )
  var shape: ExtractShape = .tidy

  @Flag(help: "Print the calibration figures beside their targets.")
  var summary = false

  @Option(
    help:
      "For a backtest: a snapshot date, YYYY-MM-DD (repeatable). Writes OUT/snapshots/DATE/ for each and OUT/outcomes.csv of later youth justice contacts instead of one extract."
  )
  var snapshot: [String] = []

  func validate() throws {
    guard people >= 1 else { throw ValidationError("--people must be at least 1") }
    guard badRows >= 0 else { throw ValidationError("--bad-rows cannot be negative") }
    if let asOf, PackDate(iso: asOf) == nil {
      throw ValidationError("--as-of must be a date YYYY-MM-DD, not '\(asOf)'")
    }
    for date in snapshot where PackDate(iso: date) == nil {
      throw ValidationError("--snapshot must be a date YYYY-MM-DD, not '\(date)'")
    }
  }

  func run() throws {
    let schema: Schema
    switch SynthSchemaLoader.load(directory: pack) {
    case .success(let loaded): schema = loaded
    case .failure(let error):
      printError(DiagnosticRenderer.render(error.diagnostics))
      throw RunExit.packDoesNotCompile
    }
    let date = asOf.flatMap { PackDate(iso: $0) } ?? PackDate.today(inTimeZone: "UTC")
    let configuration = SynthConfiguration(
      people: people, seed: seed, asOf: date, badRows: badRows, shape: shape)
    if !snapshot.isEmpty {
      try writeHistory(schema: schema, configuration: configuration)
      return
    }
    let output: SyntheticExtract.Output
    do {
      output = try SyntheticExtract.generate(
        schema: schema, configuration: configuration, to: out)
    } catch {
      printError("error: \(error)")
      throw RunExit.outputsNotWritten
    }
    let manifest = output.manifest
    let rows = manifest.files.reduce(0) { $0 + $1.rows }
    print(
      "wrote \(manifest.files.count) files (\(rows) rows, \(manifest.badRows.count) bad) to \(out): "
        + "\(manifest.people) young people, \(manifest.persons) persons, "
        + "\(manifest.households) households, as of \(manifest.asOf), seed \(manifest.seed)")
    if let linkage = manifest.linkage {
      print(
        "linkage \(linkage.path): "
          + linkage.systems.map {
            "\($0.system) \($0.rows) ids (\($0.secondIds) persons with a second id, \($0.unmatchedRecords) records left unmatched)"
          }.joined(separator: "; "))
    }
    for skipped in manifest.skipped { print("skipped \(skipped)") }
    if summary { print(output.statistics.table) }
  }
}

extension ExtractShape: ExpressibleByArgument {}
