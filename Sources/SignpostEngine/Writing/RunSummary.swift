import SignpostRules
import SignpostSource

/// The run summary: what was read (with hashes and reconciled row counts), who was scored,
/// counts per band, programme and indicator, and timings.
public struct RunSummary {
  let run: ScoringRun

  public init(_ run: ScoringRun) {
    self.run = run
  }

  /// Counts of each programme status a test may expect, among the scored.
  public func programmeCounts() -> [(id: String, counts: [(ProgrammeStatus, Int)])] {
    let table = run.table
    return run.pack.programmes.enumerated().map { g, programme in
      let id = programme.programme.id
      let referrals = run.referrals.filter { $0.programme == id }
      var counts = [Int](repeating: 0, count: 5)
      for p in 0..<table.count where table.inScope[p] {
        counts[Int(table.decision(p, g).rawValue)] += 1
      }
      let listed = referrals.filter { $0.status == .listed }.count
      return (
        id,
        [
          (.recommended, referrals.filter { $0.status == .recommended }.count),
          (.waitlisted, referrals.filter { $0.status == .waitlisted }.count),
          (.tied, referrals.filter { $0.status == .tied }.count),
          (.listed, listed),
          (.notEligible, counts[Int(ScoreTable.Decision.notEligible.rawValue)]),
          (.excluded, counts[Int(ScoreTable.Decision.excluded.rawValue)] - listed),
          (.notEvaluated, counts[Int(ScoreTable.Decision.notEvaluated.rawValue)]),
          (.failed, counts[Int(ScoreTable.Decision.failed.rawValue)]),
        ]
      )
    }
  }

  /// People per band, highest band first.
  public func bandCounts() -> [(String, Int)] {
    var counts = [Int](repeating: 0, count: run.pack.scoring.bands.count)
    for p in 0..<run.table.count where run.table.inScope[p] { counts[Int(run.table.bands[p])] += 1 }
    return zip(run.pack.scoring.bands.map(\.id), counts).map { ($0, $1) }
  }

  /// Per indicator: how many it fired for, could not be evaluated for, and failed for.
  public func indicatorCounts() -> [(id: String, fired: Int, notEvaluated: Int, failed: Int)] {
    let table = run.table
    var counts = [[Int]](repeating: [0, 0, 0, 0], count: table.indicatorCount)
    for p in 0..<table.count where table.inScope[p] {
      for i in 0..<table.indicatorCount { counts[i][Int(table.outcome(p, i).rawValue)] += 1 }
    }
    return run.pack.indicators.enumerated().map { i, indicator in
      (indicator.indicator.id, counts[i][1], counts[i][2], counts[i][3])
    }
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
          ("read", String(run.peopleCount)), ("scored", String(run.scoredCount)),
          ("out_of_scope", String(run.peopleCount - run.scoredCount)),
          ("scope_undecided", String(run.table.scopeUndecided.filter { $0 }.count)),
        ])
      ),
      ("bands", JSONText.object(bandCounts().map { ($0.0, String($0.1)) })),
      ("programmes", JSONText.object(programmes)),
      ("indicators", JSONText.object(indicators)),
      ("fairness", fairnessSection),
      ("profile", profileSection),
      (
        "timings_seconds",
        JSONText.object(run.timings.map { ($0.phase, Self.seconds($0.seconds)) })
      ),
    ]) + "\n"
  }
}
