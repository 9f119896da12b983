import ArgumentParser
import Foundation
import SignpostEngine
import SignpostRules

/// The options every command that scores data shares.
struct ScoringOptions: ParsableArguments {
  @Option(help: "The rule pack folder.", completion: .directory)
  var pack = "rules/wigan"

  @Option(help: "The folder of partner extracts.", completion: .directory)
  var input: String

  @Option(help: "The date to score as of, YYYY-MM-DD (default: today).")
  var asOf: String?

  @Flag(help: "Stop at the first row that cannot be read instead of rejecting it.")
  var strict = false

  @Flag(help: "Score with the reference evaluator (one person at a time, over CEL values).")
  var referenceEngine = false

  /// The as-of date, validated.
  func asOfDate() throws -> PackDate {
    guard let text = asOf else { return Self.today() }
    guard let date = PackDate(iso: text) else {
      throw ValidationError("--as-of '\(text)' is not a date written YYYY-MM-DD")
    }
    return date
  }

  static func today() -> PackDate {
    PackDate(daysSinceEpoch: Int64(Date().timeIntervalSince1970 / 86_400))
  }

  /// Compiles the pack and scores the extracts, reporting problems and exiting on failure.
  func run() throws -> ScoringRun {
    let compiled = try compilePack(at: pack)
    let date = try asOfDate()
    do {
      return try ScoringRun.run(
        pack: compiled, inputDirectory: input, asOf: date, strict: strict,
        engine: referenceEngine ? .reference : .fast)
    } catch {
      printError("error: \(error.description) (--strict stops at the first bad row)")
      throw ExitCode(2)
    }
  }
}
