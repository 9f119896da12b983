import Foundation
import SignpostRules

/// The files a scoring run writes: scores (CSV and NDJSON), referrals, rejects and the run
/// summary. Everything but the summary's `timings` is the same bytes for the same inputs.
public enum RunOutputs {
  public static let files = [
    "scores.csv", "scores.ndjson", "referrals.csv", "rejects.csv", "summary.json",
  ]

  /// Writes every output file into `directory`, creating it if needed.
  public static func write(_ run: ScoringRun, to directory: String) throws {
    try FileManager.default.createDirectory(
      atPath: directory, withIntermediateDirectories: true)
    let outputs: [(String, String)] = [
      ("scores.csv", scoresCSV(run)), ("scores.ndjson", scoresNDJSON(run)),
      ("referrals.csv", referralsCSV(run)), ("rejects.csv", rejectsCSV(run)),
      ("summary.json", RunSummary(run).json),
    ]
    for (name, text) in outputs {
      try text.write(toFile: directory + "/" + name, atomically: true, encoding: .utf8)
    }
  }

  static func fired(_ result: PersonResult, _ pack: CompiledPack) -> [String] {
    result.outcomes.indices.filter { result.outcomes[$0] == .fired }
      .map { pack.indicators[$0].indicator.id }
  }

  static func notEvaluated(_ result: PersonResult, _ pack: CompiledPack) -> [String] {
    result.outcomes.indices.filter {
      if case .notEvaluated = result.outcomes[$0] { return true }
      return false
    }.map { pack.indicators[$0].indicator.id }
  }

  public static func scoresCSV(_ run: ScoringRun) -> String {
    let domains = run.pack.scoring.domains.map(\.id)
    var csv = CSVWriter(
      header: ["person_id", "score", "band"] + domains.map { "points_\($0)" } + [
        "fired", "not_evaluated",
      ])
    for result in run.scored {
      csv.append(
        [result.id, String(result.score), result.band] + result.domainPoints.map(String.init) + [
          fired(result, run.pack).joined(separator: ";"),
          notEvaluated(result, run.pack).joined(separator: ";"),
        ])
    }
    return csv.text
  }

  public static func scoresNDJSON(_ run: ScoringRun) -> String {
    let domains = run.pack.scoring.domains.map(\.id)
    var out = ""
    for result in run.scored {
      out += JSONText.object([
        ("id", JSONText.string(result.id)), ("score", String(result.score)),
        ("band", JSONText.string(result.band)),
        (
          "domains",
          JSONText.object(zip(domains, result.domainPoints.map(String.init)).map { ($0, $1) })
        ),
        ("fired", JSONText.array(fired(result, run.pack))),
        ("not_evaluated", JSONText.array(notEvaluated(result, run.pack))),
      ])
      out += "\n"
    }
    return out
  }

  public static func referralsCSV(_ run: ScoringRun) -> String {
    var csv = CSVWriter(header: ["programme", "rank", "person_id", "score", "status"])
    for referral in run.referrals {
      csv.append([
        referral.programme, String(referral.rank), referral.id, String(referral.score),
        referral.status.rawValue,
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
