/// One grouping's counts of every outcome: each group's population and, per outcome, a table
/// of the groups by the outcome's categories. What the measures need from a population,
/// counted once, so a caller can count everything in one pass over compact codes.
public struct DimensionCounts: Sendable {
  /// The person field grouped by, or `age_group`.
  public var field: String
  /// `protected`, `context` or `profile`.
  public var role: String
  /// The groups' names, in the order reports list them.
  public var groups: [String]
  /// The number of people in each group.
  public var populations: [Int]
  /// One table per outcome, in the order of the outcomes measured; rows are `groups`.
  public var tables: [CountTable]

  public init(
    field: String, role: String, groups: [String], populations: [Int], tables: [CountTable]
  ) {
    precondition(populations.count == groups.count && tables.allSatisfy { $0.rows == groups })
    self.field = field
    self.role = role
    self.groups = groups
    self.populations = populations
    self.tables = tables
  }

  /// Counts `grouping` by each of `outcomes` from their memberships.
  public init(_ grouping: Grouping, outcomes: [OutcomeDivision]) {
    var populations = [Int](repeating: 0, count: grouping.groups.count)
    for g in grouping.membership where g >= 0 { populations[g] += 1 }
    self.init(
      field: grouping.field, role: grouping.role, groups: grouping.groups,
      populations: populations,
      tables: outcomes.map { outcome in
        CountTable(
          rows: grouping.groups, columns: outcome.categories, group: grouping.membership,
          category: outcome.membership)
      })
  }

  /// The number of people counted.
  public var total: Int { populations.reduce(0, +) }
}
