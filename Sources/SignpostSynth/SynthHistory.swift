import Foundation
import SignpostRules

/// Snapshots and later outcomes, so that a backtest can run end to end on synthetic people:
/// the same borough (same seed, so the same people with the same latent risk) written as of
/// each snapshot date, and a file of first youth justice contacts that follow.
///
/// The outcome model is an assumption for testing, not a finding: each young person aged 10
/// to 17 on a year's first day has a first youth justice contact in that year with probability
/// `base × exp(1.1 × risk)` (at most 0.8), the same risk multiplier as their police contacts as
/// a suspect; the date is uniform in the year. Rules that read the signs of that risk should
/// therefore find more outcomes in their higher bands, and a backtest shows by how much.
public enum SynthHistory {
  /// The outcome written.
  public static let outcome = "youth_justice_contact"
  /// The yearly chance of a contact at a risk of 0.
  public static let base = 0.015

  /// What was written: each snapshot's folder and the number of outcome rows.
  public struct Output: Sendable {
    public var snapshots: [(date: PackDate, folder: String, manifest: SynthManifest)]
    public var outcomes: Int
  }

  /// Writes `directory/snapshots/YYYY-MM-DD/` for each date (the extracts as of that date)
  /// and `directory/outcomes.csv` (`person_id,outcome,date`), covering the first snapshot to a
  /// year after the last.
  public static func generate(
    schema: Schema, configuration: SynthConfiguration, snapshots dates: [PackDate],
    to directory: String
  ) throws -> Output {
    guard let first = dates.min(), let last = dates.max() else {
      throw SynthError.invalidConfiguration("at least one snapshot date is needed")
    }
    var snapshots: [(date: PackDate, folder: String, manifest: SynthManifest)] = []
    for date in dates.sorted() {
      var snapshot = configuration
      snapshot.asOf = date
      let folder = directory + "/snapshots/" + date.description
      let output = try SyntheticExtract.generate(
        schema: schema, configuration: snapshot, to: folder)
      snapshots.append((date, folder, output.manifest))
    }
    var firstContact = configuration
    firstContact.asOf = first
    let population = SyntheticPopulation(firstContact)
    let ids = CellFormatter(format: .standard, idDigits: population.idDigits)
    var csv = "person_id,outcome,date\n"
    var rows = 0
    let years = Int((last.daysSinceEpoch - first.daysSinceEpoch) / 365) + 1
    for (index, person) in population.people.enumerated() where person.isYoung {
      var random = SynthRandom(seed: configuration.seed, stream: 0x0C7C_03E5, index: UInt64(index))
      for year in 0..<years {
        let start = first.daysSinceEpoch + Int64(year * 365)
        let age = population.timeline.age(birth: person.birth) + year
        let chance = min(0.8, base * exp(1.1 * Double(person.risk)))
        guard (10...17).contains(age), random.chance(chance) else { continue }
        let date = PackDate(daysSinceEpoch: start + Int64(random.int(below: 365)))
        csv += "\(ids.personID(index)),\(outcome),\(date)\n"
        rows += 1
        break
      }
    }
    try csv.write(toFile: directory + "/outcomes.csv", atomically: true, encoding: .utf8)
    return Output(snapshots: snapshots, outcomes: rows)
  }
}
