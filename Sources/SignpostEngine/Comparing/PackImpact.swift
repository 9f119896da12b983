import SignpostFairness
import SignpostRules

/// What a rule change would do on the same data: who enters and leaves each band and
/// programme, which rule change moved them, and who each outcome selects by group before and
/// after. Built from two scoring runs of the same extracts, the baseline pack's and the new
/// pack's.
public struct PackImpact: Sendable {
  /// Someone whose band or referrals differ between the packs.
  public struct Mover: Sendable {
    public var personID: String
    /// `not scored` when out of the pack's scope.
    public var bandBefore: String
    public var bandAfter: String
    public var scoreBefore: Int?
    public var scoreAfter: Int?
    /// Programmes the person is newly referred to (recommended or waitlisted), and no longer.
    public var entered: [String]
    public var left: [String]
    /// `+x` started firing, `-x` stopped, `x points a→b` fired in both with other points.
    public var ruleChanges: [String]
  }

  /// How many people a programme gains and loses.
  public struct ProgrammeMovement: Sendable {
    public var id: String
    public var before: Int
    public var after: Int
    public var entered: Int
    public var left: Int
  }

  /// A group flagged under one pack and not the other.
  public struct FlagChange: Sendable {
    public var flag: FairnessReport.Flag
    /// Whether the new pack flags it (`true`) or the baseline did and the new pack does not.
    public var raised: Bool
  }

  /// The band a person out of the pack's scope is counted in.
  public static let notScored = "not scored"

  public var baseline: (id: String, version: String, hash: String)
  public var pack: (id: String, version: String, hash: String)
  public var people: Int
  /// `bands` of both packs (baseline first, then any new ones), then `not scored`.
  public var bands: [String]
  /// `transitions[before][after]`, indices into `bands`.
  public var transitions: [[Int]]
  public var programmes: [ProgrammeMovement]
  /// Each rule change and how many of the movers it touches, most first.
  public var reasons: [(change: String, people: Int)]
  public var movers: [Mover]
  public var fairnessBefore: FairnessReport
  public var fairnessAfter: FairnessReport
  public var flagChanges: [FlagChange]

  /// The impact of moving from the `baseline` run's pack to the `proposed` run's pack; both
  /// runs read the same extracts.
  public init(baseline old: ScoringRun, proposed new: ScoringRun) {
    baseline = (old.pack.manifest.id, old.pack.manifest.version, old.pack.contentHash)
    pack = (new.pack.manifest.id, new.pack.manifest.version, new.pack.contentHash)
    var bandIDs = old.pack.scoring.bands.map(\.id)
    for band in new.pack.scoring.bands.map(\.id) where !bandIDs.contains(band) {
      bandIDs.append(band)
    }
    bandIDs.append(Self.notScored)
    bands = bandIDs
    var transitions = [[Int]](
      repeating: [Int](repeating: 0, count: bandIDs.count), count: bandIDs.count)
    let ids = Set(old.read.population.ids).union(new.read.population.ids).sorted()
    people = ids.count
    let oldPoints = Dictionary(
      old.pack.indicators.map { ($0.indicator.id, $0.indicator.points) },
      uniquingKeysWith: { a, _ in a })
    let newPoints = Dictionary(
      new.pack.indicators.map { ($0.indicator.id, $0.indicator.points) },
      uniquingKeysWith: { a, _ in a })
    let rewritten = Self.rewrittenIndicators(old.pack, new.pack)
    var movers: [Mover] = []
    var enteredCounts: [String: Int] = [:]
    var leftCounts: [String: Int] = [:]
    var reasonCounts: [String: Int] = [:]
    for id in ids {
      let before = Self.state(of: id, in: old)
      let after = Self.state(of: id, in: new)
      transitions[bandIDs.firstIndex(of: before.band) ?? 0][
        bandIDs.firstIndex(of: after.band) ?? 0] += 1
      let entered = after.referred.subtracting(before.referred).sorted()
      let left = before.referred.subtracting(after.referred).sorted()
      guard before.band != after.band || !entered.isEmpty || !left.isEmpty else { continue }
      var changes = after.fired.subtracting(before.fired).sorted().map {
        "+" + $0 + (rewritten[$0].map { " (\($0))" } ?? "")
      }
      changes += before.fired.subtracting(after.fired).sorted().map {
        "-" + $0 + (rewritten[$0].map { " (\($0))" } ?? "")
      }
      for indicator in before.fired.intersection(after.fired).sorted() {
        if let a = oldPoints[indicator], let b = newPoints[indicator], a != b {
          changes.append("\(indicator) points \(a)→\(b)")
        }
      }
      if changes.isEmpty {
        changes = [
          before.band == Self.notScored || after.band == Self.notScored
            ? "who is scored (scope)" : "band thresholds, caps or programme conditions"
        ]
      }
      for change in changes { reasonCounts[change, default: 0] += 1 }
      for programme in entered { enteredCounts[programme, default: 0] += 1 }
      for programme in left { leftCounts[programme, default: 0] += 1 }
      movers.append(
        Mover(
          personID: id, bandBefore: before.band, bandAfter: after.band, scoreBefore: before.score,
          scoreAfter: after.score, entered: entered, left: left, ruleChanges: changes))
    }
    self.transitions = transitions
    self.movers = movers
    reasons = reasonCounts.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.map {
      ($0.key, $0.value)
    }
    var programmeIDs = old.pack.programmes.map(\.programme.id)
    for id in new.pack.programmes.map(\.programme.id) where !programmeIDs.contains(id) {
      programmeIDs.append(id)
    }
    programmes = programmeIDs.map { id in
      ProgrammeMovement(
        id: id, before: old.referralCounts[id] ?? 0, after: new.referralCounts[id] ?? 0,
        entered: enteredCounts[id] ?? 0, left: leftCounts[id] ?? 0)
    }
    fairnessBefore = old.fairnessReport
    fairnessAfter = new.fairnessReport
    func key(_ flag: FairnessReport.Flag) -> String {
      "\(flag.outcome)|\(flag.field)|\(flag.group)"
    }
    let beforeKeys = Set(fairnessBefore.flags.map(key))
    let afterKeys = Set(fairnessAfter.flags.map(key))
    flagChanges =
      fairnessAfter.flags.filter { !beforeKeys.contains(key($0)) }.map {
        FlagChange(flag: $0, raised: true)
      }
      + fairnessBefore.flags.filter { !afterKeys.contains(key($0)) }.map {
        FlagChange(flag: $0, raised: false)
      }
  }

  /// Whether anyone's band or referrals differ.
  public var anyoneMoved: Bool { !movers.isEmpty }

  /// Whether the new pack flags a group the baseline did not.
  public var raisesAFlag: Bool { flagChanges.contains(where: \.raised) }

  /// The indicators whose definition differs between the packs, with how: `rule changed`,
  /// `new indicator` or `removed`.
  private static func rewrittenIndicators(_ old: CompiledPack, _ new: CompiledPack) -> [String:
    String]
  {
    func definitions(_ pack: CompiledPack) -> [String: String] {
      Dictionary(
        pack.indicators.map { compiled in
          let indicator = compiled.indicator
          return (
            indicator.id,
            ([indicator.when.text] + indicator.evidence.map { "\($0.name)=\($0.expression.text)" })
              .joined(separator: "\n")
          )
        }, uniquingKeysWith: { a, _ in a })
    }
    let (before, after) = (definitions(old), definitions(new))
    var changed: [String: String] = [:]
    for (id, text) in after {
      if let earlier = before[id] {
        if earlier != text { changed[id] = "rule changed" }
      } else {
        changed[id] = "new indicator"
      }
    }
    for id in before.keys where after[id] == nil { changed[id] = "removed" }
    return changed
  }

  /// One person's band, score, referrals and fired indicators in one run.
  private static func state(of id: String, in run: ScoringRun) -> (
    band: String, score: Int?, referred: Set<String>, fired: Set<String>
  ) {
    guard let p = run.read.population.index(of: id), run.table.inScope[p] else {
      return (notScored, nil, [], [])
    }
    let referred = Set(
      run.pack.programmes.map(\.programme.id).filter {
        run.referral(programme: $0, person: p) != nil
      })
    return (run.band(p), run.score(p), referred, Set(run.indicators(p, .fired)))
  }
}
