import ArgumentParser
import Foundation
import SignpostEngine
import SignpostReport

/// `signpost impact --pack NEW --baseline OLD --input DIR`: what a rule change would do.
struct Impact: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Show what a rule change would do on real data before it is published.",
    discussion: """
      Scores the same extracts with the baseline pack and the new one and shows who enters \
      and leaves each band and programme (referred: recommended or waitlisted), the rule \
      changes behind the moves (indicators that start or stop firing, points that change), \
      and the groups the new rules flag or clear for disproportionality. With --out, writes \
      impact.html (for the board that approves the change; counts only) and movers.csv (one \
      row per person who moves; personal data). Exit status, for a pack repository's CI: 0 no \
      one moves; 9 people move and no group is newly flagged; 8 a group is newly flagged; \
      1 a pack does not compile; 2 the input was rejected (--strict) or could not be read.
      """)

  @OptionGroup var options: ScoringOptions

  @Option(help: "The pack as published now, to compare against.", completion: .directory)
  var baseline: String

  @Option(help: "A folder to write impact.html and movers.csv to.", completion: .directory)
  var out: String?

  func run() throws {
    var old = options
    old.pack = baseline
    let impact = PackImpact(baseline: try old.run(), proposed: try options.run())
    print(impact.text, terminator: "")
    if let out {
      // movers.csv names people: like every output with personal data, owner-only.
      do {
        try OwnerOnly.createDirectory(out)
        try OwnerOnly.write(Array(ImpactReport.render(impact).utf8), to: out + "/impact.html")
        try OwnerOnly.write(Array(impact.moversCSV.utf8), to: out + "/movers.csv")
      } catch {
        printError("error: the impact report could not be written to \(out): \(error)")
        throw RunExit.outputsNotWritten
      }
      print("\nwritten: \(out)/impact.html, \(out)/movers.csv")
    }
    if impact.raisesAFlag { throw MeasureExit.flagged }
    if impact.anyoneMoved { throw MeasureExit.moved }
  }
}
