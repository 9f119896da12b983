import ArgumentParser
import Foundation
import SignpostEngine
import SignpostRules
import SignpostStore

/// The options every command that scores data shares.
struct ScoringOptions: ParsableArguments {
  @Option(help: "The rule pack folder.", completion: .directory)
  var pack = "rules/wigan"

  @Option(help: "The folder of partner extracts.", completion: .directory)
  var input: String

  @Option(help: "The date to score as of, YYYY-MM-DD (default: today in the pack's time zone).")
  var asOf: String?

  @Flag(help: "Stop at the first row that cannot be read instead of rejecting it.")
  var strict = false

  @Flag(help: "Score with the reference evaluator (one person at a time, over CEL values).")
  var referenceEngine = false

  /// The `--as-of` date, validated; `nil` if not given.
  func asOfDate() throws -> PackDate? {
    guard let text = asOf else { return nil }
    guard let date = PackDate(iso: text) else {
      throw ValidationError("--as-of '\(text)' is not a date written YYYY-MM-DD")
    }
    return date
  }

  /// Compiles the pack and scores the extracts as of `asOf`, else `--as-of`, else today in
  /// the pack's time zone; reports problems and exits on failure.
  func run(asOf: PackDate? = nil) throws -> ScoringRun {
    let compiled = try compilePack(at: pack)
    let date =
      try asOf ?? asOfDate() ?? PackDate.today(inTimeZone: compiled.manifest.timeZone)
    do {
      return try ScoringRun.run(
        pack: compiled, inputDirectory: input, asOf: date, strict: strict,
        engine: referenceEngine ? .reference : .fast)
    } catch {
      // The error reads `path[:line]: error: reason`, as diagnostics do.
      printError(
        strict ? "\(error.description) (--strict stops at the first bad row)" : error.description)
      throw RunExit.inputRejected
    }
  }
}
