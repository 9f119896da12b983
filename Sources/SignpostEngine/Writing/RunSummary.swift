import SignpostRules

/// The run summary: what was read (with hashes and reconciled row counts), who was scored,
/// counts per band, programme and indicator, and timings.
public struct RunSummary {
  let run: ScoringRun

  public init(_ run: ScoringRun) {
    self.run = run
  }

  /// Counts of each programme status among the scored.
  public func programmeCounts() -> [(id: String, counts: [(String, Int)])] {
    run.pack.programmes.enumerated().map { p, programme in
      let id = programme.programme.id
      let referrals = run.referrals.filter { $0.programme == id }
      var notEligible = 0
      var excluded = 0
      var notEvaluated = 0
      var failed = 0
      for result in run.scored {
        switch result.decisions[p] {
        case .eligible: break
        case .notEligible: notEligible += 1
        case .excluded: excluded += 1
        case .notEvaluated: notEvaluated += 1
        case .failed: failed += 1
        }
      }
      return (
        id,
        [
          ("recommended", referrals.filter { $0.status == .recommended }.count),
          ("waitlisted", referrals.filter { $0.status == .waitlisted }.count),
          ("not_eligible", notEligible), ("excluded", excluded), ("not_evaluated", notEvaluated),
          ("failed", failed),
        ]
      )
    }
  }

  /// People per band, highest band first.
  public func bandCounts() -> [(String, Int)] {
    run.pack.scoring.bands.map { band in (band.id, run.scored.filter { $0.band == band.id }.count) }
  }

  /// Per indicator: how many it fired for, could not be evaluated for, and failed for.
  public func indicatorCounts() -> [(id: String, fired: Int, notEvaluated: Int, failed: Int)] {
    run.pack.indicators.enumerated().map { i, indicator in
      var fired = 0
      var notEvaluated = 0
      var failed = 0
      for result in run.scored {
        switch result.outcomes[i] {
        case .fired: fired += 1
        case .notEvaluated: notEvaluated += 1
        case .failed: failed += 1
        case .notFired: break
        }
      }
      return (indicator.indicator.id, fired, notEvaluated, failed)
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
        ("warnings", JSONText.array(file.warnings)),
      ])
    }
    let programmes = programmeCounts().map { programme in
      (programme.id, JSONText.object(programme.counts.map { ($0.0, String($0.1)) }))
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
      ("input_files", "[" + files.joined(separator: ",") + "]"),
      ("missing_tables", JSONText.array(run.read.missingTables)),
      ("sources_supplied", JSONText.array(run.read.population.suppliedSources.sorted())),
      ("rows_rejected", String(run.read.rejects.count)),
      ("reconciled", reconciled ? "true" : "false"),
      (
        "people",
        JSONText.object([
          ("read", String(run.results.count)), ("scored", String(run.scored.count)),
          ("out_of_scope", String(run.results.count - run.scored.count)),
          ("scope_undecided", String(run.results.filter(\.scopeUndecided).count)),
        ])
      ),
      ("bands", JSONText.object(bandCounts().map { ($0.0, String($0.1)) })),
      ("programmes", JSONText.object(programmes)),
      ("indicators", JSONText.object(indicators)),
      (
        "timings_seconds",
        JSONText.object(run.timings.map { ($0.phase, Self.seconds($0.seconds)) })
      ),
    ]) + "\n"
  }
}
