import ArgumentParser
import SignpostFairness

/// `signpost profile --run ID`: the problem profile of a run.
struct Profile: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Show how many people each indicator and band holds, by ward, school, age and sex.",
    discussion: """
      The cohort and geographic view for the Serious Violence Duty needs assessment: for each \
      of the pack's profile fields (fairness.yaml), the people scored in each group, how many \
      are in each band and how many each indicator fired for. Counts of 1 to 4 are shown as \
      <5, and others withheld (c) so that no small count can be worked out by subtraction; no \
      person ids. The read is recorded in the store's audit table. Exit status: 0 done; 4 no \
      such run or summary; 5 store error; 6 configuration error.
      """)

  enum Format: String, ExpressibleByArgument, CaseIterable {
    case text
    case csv
    case json
  }

  @OptionGroup var source: SummarySource

  @Option(help: "text, csv (one row per field and group) or json (as in summary.json).")
  var format: Format = .text

  func run() throws {
    let profile = try source.section("profile", \.profile)
    switch format {
    case .text: print(profile.text, terminator: "")
    case .csv: print(profile.csv, terminator: "")
    case .json: print(profile.json)
    }
  }
}
