import SignpostSynth
import Testing

@testable import SignpostFairness

/// The graph's answers against elimination over the published equations (``EquationSpan``,
/// how suppression decided before): the same for every withheld count and every withheld row
/// total of thousands of random patterns of withheld counts and published row totals.
@Suite struct WithheldGraphTests {
  /// Whether the withheld counts `quantity` sum to something the published equations (every
  /// column's total, and the published rows') determine, by elimination.
  static func eliminationDetermines(
    _ quantity: [(Int, Int)], withheld: [[Bool]], publishedRows: [Bool]
  ) -> Bool {
    var index: [[Int?]] = withheld.map { $0.map { _ in nil } }
    var unknowns = 0
    for r in withheld.indices {
      for c in withheld[r].indices where withheld[r][c] {
        index[r][c] = unknowns
        unknowns += 1
      }
    }
    let columns = withheld.first?.count ?? 0
    var equations: [[Double]] = []
    for c in 0..<columns {
      var e = [Double](repeating: 0, count: unknowns)
      for r in withheld.indices { if let i = index[r][c] { e[i] = 1 } }
      equations.append(e)
    }
    for r in withheld.indices where publishedRows[r] {
      var e = [Double](repeating: 0, count: unknowns)
      for c in 0..<columns { if let i = index[r][c] { e[i] = 1 } }
      equations.append(e)
    }
    var q = [Double](repeating: 0, count: unknowns)
    for (r, c) in quantity {
      guard let i = index[r][c] else { return true }
      q[i] = 1
    }
    return EquationSpan(equations).determines(q)
  }

  @Test func theGraphDecidesAsEliminationDoes() {
    var random = SynthRandom(seed: 23)
    var determined = 0
    var undetermined = 0
    for _ in 0..<4000 {
      let rows = random.int(in: 1...9)
      let columns = random.int(in: 1...5)
      let density = random.int(in: 1...9)
      let withheld = (0..<rows).map { _ in
        (0..<columns).map { _ in random.int(below: 10) < density }
      }
      let publishedRows = (0..<rows).map { _ in random.int(below: 3) > 0 }
      var graph = WithheldGraph(withheld: withheld, publishedRows: publishedRows)
      for r in 0..<rows {
        for c in 0..<columns {
          let expected = Self.eliminationDetermines(
            [(r, c)], withheld: withheld, publishedRows: publishedRows)
          #expect(
            graph.determines(row: r, column: c) == expected,
            "\(withheld) \(publishedRows) at \(r),\(c)")
          if expected { determined += 1 } else { undetermined += 1 }
        }
        if !publishedRows[r] {
          let expected = Self.eliminationDetermines(
            (0..<columns).map { (r, $0) }, withheld: withheld, publishedRows: publishedRows)
          #expect(
            graph.determinesTotal(row: r) == expected,
            "\(withheld) \(publishedRows) total of \(r)")
        }
      }
    }
    // Both answers are common, so neither side of the comparison is vacuous.
    #expect(determined > 10_000 && undetermined > 10_000)
  }

  @Test func addingACountIsBuildingTheGraphWithIt() {
    var random = SynthRandom(seed: 29)
    for _ in 0..<500 {
      let rows = random.int(in: 2...7)
      let columns = random.int(in: 2...4)
      var withheld = (0..<rows).map { _ in (0..<columns).map { _ in random.int(below: 2) == 0 } }
      let publishedRows = (0..<rows).map { _ in random.int(below: 3) > 0 }
      var graph = WithheldGraph(withheld: withheld, publishedRows: publishedRows)
      let (r, c) = (random.int(below: rows), random.int(below: columns))
      graph.add(r, c)
      withheld[r][c] = true
      var built = WithheldGraph(withheld: withheld, publishedRows: publishedRows)
      for r in 0..<rows {
        for c in 0..<columns {
          #expect(graph.determines(row: r, column: c) == built.determines(row: r, column: c))
        }
      }
    }
  }

  @Test func takingTheNewestCountAwayIsTheGraphWithoutIt() {
    var random = SynthRandom(seed: 31)
    for _ in 0..<500 {
      let rows = random.int(in: 2...7)
      let columns = random.int(in: 2...4)
      let withheld = (0..<rows).map { _ in
        (0..<columns).map { _ in random.int(below: 2) == 0 }
      }
      let publishedRows = (0..<rows).map { _ in random.int(below: 3) > 0 }
      var original = WithheldGraph(withheld: withheld, publishedRows: publishedRows)
      var tried = original
      // A shown count added and taken away (twice, as suppression tries candidates).
      let shown = (0..<rows).flatMap { r in (0..<columns).map { (r, $0) } }
        .filter { !withheld[$0.0][$0.1] }
      for (r, c) in shown.prefix(2) {
        tried.add(r, c)
        tried.removeNewest()
      }
      for r in 0..<rows {
        for c in 0..<columns {
          #expect(
            tried.determines(row: r, column: c) == original.determines(row: r, column: c),
            "\(withheld) \(publishedRows) at \(r),\(c)")
        }
        if !publishedRows[r] {
          #expect(tried.determinesTotal(row: r) == original.determinesTotal(row: r))
        }
      }
    }
  }
}
