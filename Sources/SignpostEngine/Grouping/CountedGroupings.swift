import SignpostRules

/// The groupings the measures need: each field grouped once (a field named twice is not
/// grouped twice) and every grouping counted in one pass over the score table.
struct CountedGroupings {
  /// Per field grouped: its position in `tally`, its groups' names and each person's group.
  private let groupings: [String: (index: Int, labels: [String], codes: [Int32])]
  let tally: GroupTally

  /// Groups the scored people of `run` by each of `fields` that names a person field or the
  /// age group; others are left out.
  init(_ run: ScoringRun, fields: [String]) {
    var groupings: [String: (index: Int, labels: [String], codes: [Int32])] = [:]
    var order: [(codes: [Int32], groups: Int)] = []
    for field in fields where groupings[field] == nil {
      guard let (labels, codes) = run.groupCodes(field) else { continue }
      groupings[field] = (order.count, labels, codes)
      order.append((codes, labels.count))
    }
    self.groupings = groupings
    tally = GroupTally(
      groupings: order, bands: run.pack.scoring.bands.count, table: run.table)
  }

  /// The grouping by `field`: its position in ``tally``, its groups and each person's group
  /// (-1 for someone out of scope); `nil` if `field` was not grouped.
  func grouping(_ field: String) -> (index: Int, labels: [String], codes: [Int32])? {
    groupings[field]
  }
}
