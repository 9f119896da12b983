import Foundation
import SignpostSynth
import Testing

@testable import SignpostFairness

/// The problem profile's JSON, written directly (``PrettyJSON``), is the bytes `JSONEncoder`
/// writes for it (``MeasureJSON``, how it was written before), whatever the groups are called
/// and however many there are.
@Suite struct ProfileJSONTests {
  static func profile(groups: [String], outcomes: [OutcomeCategories], seed: UInt64)
    -> ProblemProfile
  {
    var random = SynthRandom(seed: seed)
    let people = groups.isEmpty ? 0 : 400
    let membership = (0..<people).map { _ in random.int(below: groups.count) }
    let grouping = Grouping(field: "ward", role: "profile", groups: groups, membership: membership)
    let divisions = outcomes.map { outcome in
      OutcomeDivision(
        kind: outcome.kind, id: outcome.id, categories: outcome.categories,
        reported: outcome.reported,
        membership: (0..<people).map { _ in random.int(below: outcome.categories.count) })
    }
    return ProblemProfile(groupings: [grouping, grouping], outcomes: divisions)
  }

  static let band = OutcomeCategories(
    kind: "band", id: "", categories: ["high", "medium", "none"], reported: [0, 1, 2])
  static let fired = OutcomeCategories(
    kind: "indicator", id: "persistent_absence", categories: ["fired", "not fired"],
    reported: [0])

  @Test func theProfileIsTheBytesTheEncoderWrites() {
    // Names that need escaping (quotes, a backslash, control characters), a slash (not
    // escaped), text beyond ASCII, and groups small enough to be withheld.
    let names = [
      "north", "a \"quoted\" ward", #"back\slash"#, "tab\there", "line\nbreak", "bell\u{7}",
      "a/b", "Ōtautahi", "\u{2028}", "", "\u{1F}", "\u{7F}",
    ]
    let cases: [(groups: [String], outcomes: [OutcomeCategories])] = [
      (names, [Self.band, Self.fired]),
      (Array(names.prefix(2)), [Self.fired]),
      (names, []),
      ([], [Self.band]),
      (["one"], [Self.band]),
    ]
    for (n, test) in cases.enumerated() {
      let profile = Self.profile(groups: test.groups, outcomes: test.outcomes, seed: UInt64(n))
      #expect(profile.json == MeasureJSON.encode(profile), "case \(n)")
    }
    let none = ProblemProfile(groupings: [], outcomes: [])
    #expect(none.json == MeasureJSON.encode(none))
  }

  @Test func aProfileReadsBackAsItWas() throws {
    let profile = Self.profile(groups: ["east", "west", "a \"b\""], outcomes: [Self.band], seed: 9)
    #expect(try ProblemProfile(json: profile.json) == profile)
  }
}
