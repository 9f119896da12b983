import ArgumentParser
import SignpostFairness

/// `signpost fairness --run ID`: disproportionality in a run, by group.
struct Fairness: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Show who a run's bands and programmes select, by group, against everyone scored.",
    discussion: """
      For each band and each programme's referrals (recommended or waitlisted): counts and \
      rates by the pack's protected and context fields (fairness.yaml), the relative rate \
      index against everyone else scored with its 95% interval, and the groups flagged \
      because their index is outside the pack's range and the interval excludes 1. Counts of \
      1 to 4 are shown as <5, and others withheld (c) so that no small count can be worked out \
      by subtraction. Aggregates only: no person ids. docs/responsible-use.md explains each \
      measure and what it cannot show. The read is recorded in the store's audit table. \
      Exit status: 0 nothing flagged; 8 some group is flagged; 4 no such run or summary; \
      5 store error; 6 configuration error.
      """)

  enum Format: String, ExpressibleByArgument, CaseIterable {
    case text
    case json
  }

  @OptionGroup var source: SummarySource

  @Option(help: "text, or json (as in summary.json).")
  var format: Format = .text

  func run() throws {
    let report = try source.section("fairness", \.fairness)
    switch format {
    case .text: print(report.text, terminator: "")
    case .json: print(report.json)
    }
    if !report.flags.isEmpty { throw MeasureExit.flagged }
  }
}
