import Foundation

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

  /// Each dimension's tables suppressed, `[dimension][outcome]`, with the dimension's row
  /// totals as `rowTotals[dimension]` publishes them: every table on its own, in parallel.
  static func suppressed(_ counts: [DimensionCounts], rowTotals: [[PublishedCount]])
    -> [[CellSuppression]]
  {
    let outcomes = counts.first?.tables.count ?? 0
    let tables = counts.indices.flatMap { d in (0..<outcomes).map { (d, $0) } }
    let flat = [CellSuppression](unsafeUninitializedCapacity: tables.count) { buffer, done in
      nonisolated(unsafe) let slots = buffer
      DispatchQueue.concurrentPerform(iterations: tables.count) { n in
        let (d, o) = tables[n]
        slots.initializeElement(
          at: n, to: CellSuppression(counts[d].tables[o], rowTotals: rowTotals[d]))
      }
      done = tables.count
    }
    return counts.indices.map { d in Array(flat[(d * outcomes)..<((d + 1) * outcomes)]) }
  }
}
