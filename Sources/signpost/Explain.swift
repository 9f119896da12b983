import ArgumentParser
import SignpostEngine

/// `signpost explain --id ID`: one person's full explanation in plain English.
struct Explain: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Explain one person's score, band and programme decisions in plain English.")

  @OptionGroup var options: ScoringOptions

  @Option(help: "The person's id.")
  var id: String

  func run() throws {
    let run = try options.run()
    guard let index = run.read.population.index(of: id) else {
      printError(
        "error: no person with id '\(id)' in \(options.input) (or their rows were rejected)")
      throw ExitCode(4)
    }
    print(Explanation(run.result(for: index), in: run).text, terminator: "")
  }
}
