/// Which counts of a ``CountTable`` to publish. Column totals are always published (they are
/// the run's own counts per band or programme), and so is the grand total.
///
/// Primary suppression withholds every count of 1 to 4, as `<5`. Secondary suppression then
/// withholds more counts, as `c`, until no withheld small count can be worked out exactly from
/// the published counts and totals: first by the usual rule that no row or column with a
/// published total holds exactly one withheld count, then by checking whether each small
/// count can be worked out from the published totals (``WithheldGraph``) and withholding the
/// smallest count beside it that stops that. A count of 0 is shown: an empty group says nothing
/// about a person.
public struct CellSuppression: Sendable {
  /// Counts below this (and above zero) are never shown.
  public static let threshold = 5

  public let table: CountTable
  /// `cells[row][column]`, as published.
  public private(set) var cells: [[PublishedCount]]
  /// Each group's population, as published.
  public let rowTotals: [PublishedCount]
  /// How many counts of each row and of each column are withheld.
  private var withheldInRow: [Int]
  private var withheldInColumn: [Int]

  /// Whether a count must be withheld on its own account.
  public static func isSmall(_ count: Int) -> Bool { count > 0 && count < threshold }

  /// The populations of the groups of one dimension, suppressed once for every table of that
  /// dimension (a population shown in one table and withheld in another would be no secret):
  /// small ones withheld, and when exactly one is, the smallest other one as well, so that
  /// the total cannot give it away.
  public static func rowTotals(_ totals: [Int]) -> [PublishedCount] {
    var published: [PublishedCount] = totals.map { isSmall($0) ? .small : .shown($0) }
    if published.filter({ $0.value == nil }).count == 1,
      let partner = smallestShown(totals.indices.map { (totals[$0], published[$0]) })
    {
      published[partner] = .withheld
    }
    return published
  }

  /// Suppresses `table`, whose row totals are published as `rowTotals` (by default as
  /// ``rowTotals(_:)`` decides for the table alone).
  public init(_ table: CountTable, rowTotals: [PublishedCount]? = nil) {
    self.table = table
    let totals = rowTotals ?? Self.rowTotals(table.rowTotals)
    self.rowTotals = totals
    let primary: [[PublishedCount]] = table.cells.enumerated().map { r, row in
      row.map { count in
        totals[r].value == nil
          ? (count < Self.threshold ? .small : .withheld)
          : (Self.isSmall(count) ? .small : .shown(count))
      }
    }
    cells = primary
    withheldInRow = primary.map { $0.filter { $0.value == nil }.count }
    withheldInColumn = table.columns.indices.map { c in
      primary.filter { $0[c].value == nil }.count
    }
    applyLineRule()
    applySpanCheck()
  }

  // MARK: Secondary suppression

  private mutating func hide(_ r: Int, _ c: Int) {
    if cells[r][c].value != nil {
      withheldInRow[r] += 1
      withheldInColumn[c] += 1
    }
    cells[r][c] = table.cells[r][c] < Self.threshold ? .small : .withheld
  }

  /// The index of the shown count to withhold beside another: one marked as preferred
  /// first, then the smallest, preferring counts above zero.
  private static func smallestShown(_ counts: [(Int, PublishedCount)], preferred: [Bool] = [])
    -> Int?
  {
    func key(_ i: Int) -> (Int, Int, Int) {
      let count = counts[i].0
      return (
        preferred.indices.contains(i) && preferred[i] ? 0 : 1, count == 0 ? Int.max : count, i
      )
    }
    return counts.indices.filter { counts[$0].1.value != nil }.min { key($0) < key($1) }
  }

  private func hiddenCount(row r: Int) -> Int { withheldInRow[r] }

  private func hiddenCount(column c: Int) -> Int { withheldInColumn[c] }

  /// Until no line with a published total has exactly one withheld count, withholds a shown
  /// count of each such line: preferably one whose other line also has exactly one withheld
  /// count (a row) or already has some (a column), so that the withheld counts close into
  /// rectangles instead of spreading; otherwise the smallest.
  private mutating func applyLineRule() {
    var changed = true
    while changed {
      changed = false
      for r in table.rows.indices where rowTotals[r].value != nil && hiddenCount(row: r) == 1 {
        let line = table.columns.indices.map { (table.cells[r][$0], cells[r][$0]) }
        let preferred = table.columns.indices.map { hiddenCount(column: $0) == 1 }
        if let c = Self.smallestShown(line, preferred: preferred) {
          hide(r, c)
          changed = true
        }
      }
      for c in table.columns.indices where hiddenCount(column: c) == 1 {
        let line = table.rows.indices.map { (table.cells[$0][c], cells[$0][c]) }
        let preferred = table.rows.indices.map {
          rowTotals[$0].value != nil && hiddenCount(row: $0) >= 1
        }
        if let r = Self.smallestShown(line, preferred: preferred) {
          hide(r, c)
          changed = true
        }
      }
    }
  }

  /// A count, or a row's whole total, that must not be worked out from what is published.
  private typealias Sensitive = (row: Int, column: Int?)

  /// Whether a withheld small count (a cell, or a whole row's total) can be worked out from
  /// the published totals.
  private static func isDisclosed(_ quantity: Sensitive, by graph: inout WithheldGraph) -> Bool {
    if let c = quantity.column { return graph.determines(row: quantity.row, column: c) }
    return graph.determinesTotal(row: quantity.row)
  }

  /// Withholds more counts until no withheld small count can be worked out exactly; when
  /// nothing beside it is left to withhold, withholds the whole table. Withholding more never
  /// makes a count that could not be worked out workable, so each is checked once, against
  /// the withheld counts as they stand.
  private mutating func applySpanCheck() {
    let columns = table.columns.indices
    var sensitive: [Sensitive] = []
    for r in table.rows.indices {
      if rowTotals[r] == .small { sensitive.append((r, nil)) }
      for c in columns where Self.isSmall(table.cells[r][c]) { sensitive.append((r, c)) }
    }
    guard !sensitive.isEmpty else { return }
    var graph = WithheldGraph(
      withheld: cells.map { $0.map { $0.value == nil } },
      publishedRows: rowTotals.map { $0.value != nil })
    for quantity in sensitive {
      while Self.isDisclosed(quantity, by: &graph) {
        var candidates: [(Int, Int)] = []
        if let c = quantity.column {
          if rowTotals[quantity.row].value != nil {
            candidates += columns.map { (quantity.row, $0) }
          }
          candidates += table.rows.indices.map { ($0, c) }
        } else {
          candidates = table.rows.indices.flatMap { r in columns.map { (r, $0) } }
        }
        candidates = candidates.filter { cells[$0.0][$0.1].value != nil }
          .sorted { (table.cells[$0.0][$0.1], $0.0, $0.1) < (table.cells[$1.0][$1.1], $1.0, $1.1) }
        guard let first = candidates.first else {
          withholdAll()
          return
        }
        // Each candidate is tried in the graph itself and taken away again.
        let breaking = candidates.first { candidate in
          graph.add(candidate.0, candidate.1)
          defer { graph.removeNewest() }
          return !Self.isDisclosed(quantity, by: &graph)
        }
        let chosen = breaking ?? first
        hide(chosen.0, chosen.1)
        graph.add(chosen.0, chosen.1)
      }
    }
  }

  private mutating func withholdAll() {
    for r in cells.indices { for c in cells[r].indices { hide(r, c) } }
  }
}
