import SignpostFairness
import SignpostRules

/// The rules scored on past snapshots, as of each snapshot's date, compared with the outcomes
/// that followed within a window: a calibration table (outcome rate per band), precision and
/// recall at and above each band and at each programme's recommendations (its capacity), and
/// the same by group. Counts are pooled over the snapshots.
public struct Backtest: Sendable {
  /// Predicted and actual among some set of people.
  public struct Tally: Sendable, Equatable {
    /// People evaluated.
    public var people = 0
    /// Of those, with the outcome in the window.
    public var positives = 0
    /// Selected (in the band, at or above it, or recommended).
    public var selected = 0
    /// Selected and with the outcome.
    public var truePositives = 0

    /// Selected who had the outcome, of all selected.
    public var precision: Double? { selected > 0 ? Double(truePositives) / Double(selected) : nil }
    /// Of those with the outcome, how many were selected.
    public var recall: Double? { positives > 0 ? Double(truePositives) / Double(positives) : nil }
    /// Outcome rate among those evaluated.
    public var rate: Double? { people > 0 ? Double(positives) / Double(people) : nil }

    mutating func add(selected isSelected: Bool, positive: Bool) {
      people += 1
      if positive { positives += 1 }
      if isSelected {
        selected += 1
        if positive { truePositives += 1 }
      }
    }
  }

  /// One snapshot's date and how many were evaluated.
  public struct Snapshot: Sendable {
    public var date: PackDate
    public var scored: Int
    /// Left out because the outcome had already happened by the snapshot's date.
    public var alreadyHad: Int
    public var positives: Int
  }

  public var windowDays: Int
  public var outcomes: [String]
  public var snapshots: [Snapshot] = []
  /// The bands, highest first.
  public var bands: [String]
  /// `calibration[b]`: everyone, with `selected` = in band `b`.
  public var calibration: [Tally]
  /// `atOrAbove[b]`: everyone, with `selected` = in band `b` or a higher one.
  public var atOrAbove: [Tally]
  /// Per programme: everyone, with `selected` = recommended (within its capacity).
  public var programmes: [(id: String, capacity: Int?, tally: Tally)]
  /// Per grouping field and group: its people, with `selected` = in any band but the lowest.
  public var groups: [(field: String, group: String, tally: Tally)] = []

  /// Evaluates `runs` (one per snapshot, each scored as of its date) against `record`: a person
  /// is positive when the first of `outcomes` (any, when empty) falls after the snapshot's
  /// date and within `windowDays`; people who had it on or before the date are left out.
  public init(runs: [ScoringRun], record: OutcomeRecord, outcomes: Set<String>, windowDays: Int) {
    self.windowDays = windowDays
    self.outcomes = outcomes.sorted()
    let pack = runs.first?.pack
    bands = pack?.scoring.bands.map(\.id) ?? []
    calibration = bands.map { _ in Tally() }
    atOrAbove = bands.map { _ in Tally() }
    programmes = (pack?.programmes ?? []).map { ($0.programme.id, $0.programme.capacity, Tally()) }
    var groupIndex: [GroupKey: Int] = [:]
    let lowest = bands.count - 1
    for run in runs {
      let groupings = run.pack.pack.fairness.dimensions.compactMap {
        run.grouping($0.field, role: $0.role.rawValue)
      }
      for grouping in groupings {
        for label in grouping.groups
        where groupIndex[GroupKey(field: grouping.field, label: label)] == nil {
          groupIndex[GroupKey(field: grouping.field, label: label)] = groups.count
          groups.append((grouping.field, label, Tally()))
        }
      }
      var snapshot = Snapshot(date: run.asOf, scored: 0, alreadyHad: 0, positives: 0)
      for p in 0..<run.table.count where run.table.inScope[p] {
        snapshot.scored += 1
        let first = record.firstDate(of: run.id(p), among: outcomes)
        if let first, first <= run.asOf {
          snapshot.alreadyHad += 1
          continue
        }
        let positive =
          first.map { $0.daysSinceEpoch - run.asOf.daysSinceEpoch <= Int64(windowDays) } ?? false
        if positive { snapshot.positives += 1 }
        let band = Int(run.table.bands[p])
        for b in bands.indices {
          calibration[b].add(selected: band == b, positive: positive)
          atOrAbove[b].add(selected: band <= b, positive: positive)
        }
        for (n, programme) in programmes.enumerated() {
          let recommended = run.referral(programme: programme.id, person: p)?.status == .recommended
          programmes[n].tally.add(selected: recommended, positive: positive)
        }
        for grouping in groupings {
          let label = grouping.groups[grouping.membership[p]]
          guard let index = groupIndex[GroupKey(field: grouping.field, label: label)] else {
            continue
          }
          groups[index].tally.add(selected: band < lowest, positive: positive)
        }
      }
      snapshots.append(snapshot)
    }
  }
}

extension Backtest {
  /// A group of a fairness field: the field and one of its labels.
  private struct GroupKey: Hashable {
    var field: String
    var label: String
  }
}
