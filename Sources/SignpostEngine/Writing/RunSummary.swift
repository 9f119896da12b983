import SignpostRules
import SignpostSource

/// The run summary: what was read (with hashes and reconciled row counts), who was scored,
/// counts per band, programme and indicator, the measures, and timings.
public struct RunSummary {
  /// The run summed up.
  public let run: ScoringRun
  /// The `fairness` and `profile` sections, when made already (``measureSections(_:)``).
  private var knownSections: (fairness: String, profile: String)?
  /// The time spent writing the outputs until the summary was made, shown as the `write`
  /// timing; `nil` when the summary is not made while writing them.
  public private(set) var writeSeconds: Double?

  /// The people scored (in scope), and those whose scope could not be decided.
  public let scoredCount: Int
  public let scopeUndecidedCount: Int
  /// People in scope per band; per programme and decision; per indicator and outcome.
  private let bands: [Int]
  private let decisions: [Int]
  private let outcomes: [Int]

  /// The summary of `run`, its counts counted.
  public init(_ run: ScoringRun) {
    self.run = run
    knownSections = nil
    writeSeconds = nil
    let table = run.table
    bands = Self.scopedCounts(
      table.bands, width: 1, values: run.pack.scoring.bands.count, scope: table.inScope)
    decisions = Self.scopedCounts(
      table.decisions, width: table.programmeCount, values: 5, scope: table.inScope)
    outcomes = Self.scopedCounts(
      table.outcomes, width: table.indicatorCount, values: 4, scope: table.inScope)
    scoredCount = bands.reduce(0, +)
    scopeUndecidedCount = table.scopeUndecided.withUnsafeBytes { flags in
      var count = 0
      OutcomeScan.forEachNonzero(in: flags) { _, _ in count += 1 }
      return count
    }
  }

  /// This summary with its measures' sections made already (``measureSections(_:)``).
  func with(measureSections sections: (fairness: String, profile: String)) -> RunSummary {
    var measured = self
    measured.knownSections = sections
    return measured
  }

  /// This summary with `seconds` spent writing the outputs until it was made.
  func timed(writeSeconds seconds: Double) -> RunSummary {
    var timed = self
    timed.writeSeconds = seconds
    return timed
  }

  /// The phases timed, with their seconds: the run's, then `write` when there is one.
  public var timings: [(phase: String, seconds: Double)] {
    run.timings + (writeSeconds.map { [("write", $0)] } ?? [])
  }

  /// Counts of each programme status a test may expect, among the scored.
  public func programmeCounts() -> [(id: String, counts: [(ProgrammeStatus, Int)])] {
    return run.pack.programmes.enumerated().map { g, programme in
      let id = programme.programme.id
      var statuses: [ReferralStatus: Int] = [:]
      for referral in run.referrals where referral.programme == id {
        statuses[referral.status, default: 0] += 1
      }
      func decided(_ decision: ScoreTable.Decision) -> Int {
        decisions[g * 5 + Int(decision.rawValue)]
      }
      let listed = statuses[.listed] ?? 0
      return (
        id,
        [
          (.recommended, statuses[.recommended] ?? 0),
          (.waitlisted, statuses[.waitlisted] ?? 0),
          (.tied, statuses[.tied] ?? 0),
          (.listed, listed),
          (.notEligible, decided(.notEligible)),
          (.excluded, decided(.excluded) - listed),
          (.notEvaluated, decided(.notEvaluated)),
          (.failed, decided(.failed)),
        ]
      )
    }
  }

  /// People per band, highest band first.
  public func bandCounts() -> [(String, Int)] {
    zip(run.pack.scoring.bands.map(\.id), bands).map { ($0, $1) }
  }

  /// Per indicator: how many it fired for, could not be evaluated for, and failed for.
  public func indicatorCounts() -> [(id: String, fired: Int, notEvaluated: Int, failed: Int)] {
    run.pack.indicators.enumerated().map { i, indicator in
      (indicator.indicator.id, outcomes[i * 4 + 1], outcomes[i * 4 + 2], outcomes[i * 4 + 3])
    }
  }

  /// Counts of the one-byte codes of a per-person table (`width` codes a person) over the
  /// people in scope: `counts[slot * values + code]`, a code past the last counted as the
  /// last (as ``ScoreTable/outcome(_:_:)`` reads an unknown byte as failed). Code 0 (not
  /// fired, eligible, the first band) is not counted code by code (``OutcomeScan``): the 0s
  /// are the people in scope less the other codes.
  static func scopedCounts(_ codes: [UInt8], width: Int, values: Int, scope: [Bool])
    -> [Int]
  {
    let last = UInt8(values - 1)
    let parts = Parallel.mapRanges(count: scope.count) { _, range -> (Int, [Int]) in
      var counts = [Int](repeating: 0, count: width * values)
      var inScope = 0
      counts.withUnsafeMutableBufferPointer { counts in
        codes.withUnsafeBytes { codes in
          scope.withUnsafeBufferPointer { scope in
            for p in range where scope[p] {
              inScope += 1
              let row = UnsafeRawBufferPointer(rebasing: codes[(p * width)..<((p + 1) * width)])
              OutcomeScan.forEachNonzero(in: row) { slot, code in
                let value = Int(min(code, last))
                if value != 0 { counts[slot * values + value] += 1 }
              }
            }
          }
        }
      }
      return (inScope, counts)
    }
    var counts = [Int](repeating: 0, count: width * values)
    for (inScope, part) in parts {
      for n in counts.indices { counts[n] += part[n] }
      for slot in 0..<width { counts[slot * values] += inScope }
    }
    for slot in 0..<width {
      for code in 1..<values { counts[slot * values] -= counts[slot * values + code] }
    }
    return counts
  }

  /// A number of seconds with three decimals.
  public static func seconds(_ value: Double) -> String {
    let thousandths = Int((value * 1000).rounded())
    let fraction = String(thousandths % 1000)
    return "\(thousandths / 1000)." + String(repeating: "0", count: 3 - fraction.count) + fraction
  }

  public var json: String {
    let manifest = run.pack.manifest
    let files = run.read.files.map { file in
      JSONText.object([
        ("path", JSONText.string(file.path)), ("source", JSONText.string(file.source)),
        ("sha256", JSONText.string(file.sha256)), ("rows_read", String(file.rowsRead)),
        ("rows_used", String(file.rowsUsed)), ("rows_rejected", String(file.rowsRejected)),
        ("rows_unmatched", String(file.rowsUnmatched)),
        (
          "unmatched",
          JSONText.object([
            ("no_link", String(file.unmatched.noLink)),
            ("below_minimum", String(file.unmatched.belowMinimum)),
            ("ambiguous", String(file.unmatched.ambiguous)),
          ])
        ),
        ("warnings", JSONText.array(file.warnings)),
      ])
    }
    let programmes = programmeCounts().map { programme in
      (programme.id, JSONText.object(programme.counts.map { ($0.0.rawValue, String($0.1)) }))
    }
    let indicators = indicatorCounts().map {
      (
        $0.id,
        JSONText.object([
          ("fired", String($0.fired)), ("not_evaluated", String($0.notEvaluated)),
          ("failed", String($0.failed)),
        ])
      )
    }
    let reconciled = run.read.files.allSatisfy(\.reconciles)
    let sections = knownSections ?? Self.measureSections(run)
    return JSONText.prettyObject([
      (
        "pack",
        JSONText.object([
          ("id", JSONText.string(manifest.id)), ("version", JSONText.string(manifest.version)),
          ("sha256", JSONText.string(run.pack.contentHash)),
        ])
      ),
      ("as_of", JSONText.string(run.asOf.description)),
      ("engine", JSONText.string(run.engineDescription)),
      ("input_files", "[" + files.joined(separator: ",") + "]"),
      ("missing_tables", JSONText.array(run.read.missingTables)),
      ("ignored_files", JSONText.array(run.read.ignoredFiles)),
      ("sources_supplied", JSONText.array(run.read.population.suppliedSources.sorted())),
      ("rows_rejected", String(run.read.rejects.count)),
      ("reconciled", reconciled ? "true" : "false"),
      (
        "people",
        JSONText.object([
          ("read", String(run.peopleCount)), ("scored", String(scoredCount)),
          ("out_of_scope", String(run.peopleCount - scoredCount)),
          ("scope_undecided", String(scopeUndecidedCount)),
        ])
      ),
      ("bands", JSONText.object(bandCounts().map { ($0.0, String($0.1)) })),
      ("programmes", JSONText.object(programmes)),
      ("indicators", JSONText.object(indicators)),
      ("fairness", sections.fairness),
      ("profile", sections.profile),
      (
        "timings_seconds",
        JSONText.object(timings.map { ($0.phase, Self.seconds($0.seconds)) })
      ),
    ]) + "\n"
  }
}
