import ArgumentParser
import SignpostEngine
import SignpostRules

#if canImport(Glibc)
  import Glibc
  private let endProcess = Glibc.exit
#elseif canImport(Darwin)
  import Darwin
  private let endProcess = Darwin.exit
#endif

/// `signpost score`: score everyone in a folder of extracts and write the outputs.
struct Score: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Score partner extracts and write scores, referrals, rejects and a run summary.",
    discussion: """
      Writes scores.csv, scores.ndjson, referrals.csv, rejects.csv and summary.json to --out. \
      Exit status: 0 done; 1 the pack does not compile; 2 --strict met a bad row; 3 some \
      file's rows do not reconcile.
      """)

  @OptionGroup var options: ScoringOptions

  @Option(help: "The folder to write the outputs to.", completion: .directory)
  var out: String

  func run() throws {
    let run = try options.run()
    let summary = try RunOutputs.write(run, to: out)
    print(RunReport(summary).text)
    print("outputs written to \(out)/: \(RunOutputs.files.joined(separator: ", "))")
    if !run.read.files.allSatisfy(\.reconciles) { throw RunExit.rowsDoNotReconcile }
    // Everything is written, flushed to disk and named: the process ends here, without
    // freeing the population and scores one allocation at a time on the way out (about a
    // tenth of a second at a million people), which the operating system does at once.
    fflush(nil)
    endProcess(EXIT_SUCCESS)
  }
}

/// The run summary as a person reads it on a terminal.
struct RunReport {
  let run: ScoringRun
  let summary: RunSummary

  init(_ summary: RunSummary) {
    run = summary.run
    self.summary = summary
  }

  var text: String {
    let m = run.pack.manifest
    var lines = [
      "pack \(m.id) \(m.version) (\(run.pack.contentHash.prefix(12))), as of \(run.asOf)",
      "input files:",
    ]
    for file in run.read.files {
      lines.append(
        "  \(file.path): \(file.rowsRead) rows = \(file.rowsUsed) used + \(file.rowsRejected) rejected"
          + (file.rowsUnmatched > 0 ? " (\(file.rowsUnmatched) of them unmatched)" : "")
          + (file.reconciles ? "" : "  DOES NOT RECONCILE"))
      for warning in file.warnings { lines.append("    warning: \(warning)") }
    }
    for missing in run.read.missingTables {
      lines.append("  \(missing): not supplied (indicators that need it are not evaluated)")
    }
    for ignored in run.read.ignoredFiles {
      lines.append("  \(ignored): ignored (no table of the pack reads it)")
    }
    lines.append(
      "people: \(run.peopleCount) read, \(summary.scoredCount) scored, \(run.peopleCount - summary.scoredCount) outside the scored population"
    )
    let undecided = summary.scopeUndecidedCount
    if undecided > 0 {
      lines.append(
        "  \(undecided) of them undecided: the pack's scope could not be decided (missing data), so they are not scored"
      )
    }
    lines.append(
      "bands: " + summary.bandCounts().map { "\($0.0) \($0.1)" }.joined(separator: ", "))
    for programme in summary.programmeCounts() {
      let counts = programme.counts.filter { $0.1 > 0 }.map {
        "\($0.0.rawValue.replacingOccurrences("_", " ")) \($0.1)"
      }
      lines.append("programme \(programme.id): " + counts.joined(separator: ", "))
    }
    let indicators = summary.indicatorCounts()
    let notEvaluated = indicators.filter { $0.notEvaluated > 0 }
    if !notEvaluated.isEmpty {
      lines.append(
        "not evaluated for want of data: "
          + notEvaluated.map { "\($0.id) \($0.notEvaluated)" }.joined(separator: ", "))
    }
    let failed = indicators.filter { $0.failed > 0 }
    if !failed.isEmpty {
      lines.append(
        "RULE FAILURES: " + failed.map { "\($0.id) \($0.failed)" }.joined(separator: ", "))
    }
    if !run.read.rejects.isEmpty {
      lines.append("rejected rows: \(run.read.rejects.count) (see rejects.csv); first:")
      for reject in run.read.rejects.prefix(5) { lines.append("  \(reject.description)") }
    }
    lines.append("engine: \(run.engineDescription)")
    lines.append(
      "timings: "
        + summary.timings.map { "\($0.phase) \(RunSummary.seconds($0.seconds))s" }.joined(
          separator: ", "))
    return lines.joined(separator: "\n")
  }
}

extension String {
  fileprivate func replacingOccurrences(_ a: Character, _ b: String) -> String {
    var out = ""
    for c in self { if c == a { out += b } else { out.append(c) } }
    return out
  }
}
