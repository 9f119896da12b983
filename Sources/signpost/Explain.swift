import ArgumentParser
import SignpostEngine
import SignpostRules
import SignpostStore

/// `signpost explain --id ID`: one person's full explanation in plain English.
struct Explain: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Explain one person's score, band and programme decisions in plain English.",
    discussion: """
      The as-of date is --as-of, or else the as-of date of the latest complete run in the \
      store (--store FILE, or the store of --config FILE), so that an explanation matches \
      what the run recommended; the first line says which it used. Text from the data is \
      printed with control characters escaped.
      """)

  @OptionGroup var options: ScoringOptions

  @Option(help: "The person's id.")
  var id: String

  @Option(
    help: "The run store whose latest complete run gives the as-of date.", completion: .file())
  var store: String?

  @Option(help: "A run configuration whose store gives the as-of date.", completion: .file())
  var config: String?

  func validate() throws {
    if options.asOf == nil && store == nil && config == nil {
      throw ValidationError(
        "give --as-of DATE, or --store FILE or --config FILE to use the as-of date of the latest run"
      )
    }
  }

  func run() throws {
    let (date, source) = try asOf()
    let run = try options.run(asOf: date)
    guard let index = run.read.population.index(of: id) else {
      printError(
        TerminalText.escaped(
          "error: no person with id '\(id)' in \(options.input) (or their rows were rejected)"))
      throw RunExit.noSuchRun
    }
    print("as of \(date): \(source)")
    print(TerminalText.escaped(Explanation(run.result(for: index), in: run).text), terminator: "")
  }

  /// The date to explain as of, and where it came from.
  private func asOf() throws -> (PackDate, String) {
    if let date = try options.asOfDate() { return (date, "given with --as-of") }
    let location = StoreLocation(store: store, config: config)
    let (runStore, _) = try location.open()
    let latest: StoredRun?
    do {
      latest = try runStore.latestCompleteRun()
    } catch {
      printError("error: \(error.description)")
      throw RunExit.storeError
    }
    guard let latest, let text = latest.asOf, let date = PackDate(iso: text) else {
      printError("error: there is no complete run in \(runStore.path): give --as-of")
      throw ValidationError("no complete run to take the as-of date from")
    }
    return (date, "the as-of date of run \(latest.id), the latest complete run in \(runStore.path)")
  }
}
