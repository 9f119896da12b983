import SignpostFairness
import SignpostSynth
import Testing

@Suite struct CellSuppressionTests {
  @Test func smallCountsAreShownAsFewerThanFive() {
    let table = CountTable(
      rows: ["a", "b", "c"], columns: ["high", "low"], cells: [[3, 97], [0, 50], [40, 60]])
    let published = CellSuppression(table)
    #expect(published.cells[0][0] == .small)
    #expect(published.cells[0][0].description == "<5")
    // Row a has a published total, so its other count is withheld too, and so is a count
    // beside the 3 in its column.
    #expect(published.cells[0][1] == .withheld)
    #expect(published.cells[0][1].description == "c")
    #expect(published.cells[2][0] == .withheld)
    #expect(SubtractionAttack(published).smallCountsRevealed(in: table).isEmpty)
  }

  @Test func zeroIsShown() {
    let table = CountTable(
      rows: ["a", "b"], columns: ["high", "low"], cells: [[0, 100], [20, 80]])
    let published = CellSuppression(table)
    #expect(published.cells == [[.shown(0), .shown(100)], [.shown(20), .shown(80)]])
  }

  @Test func aSmallGroupTakesTheNextSmallestGroupWithIt() {
    // 2 people of unrecorded sex: the two sexes' totals would give them away.
    let totals = CellSuppression.rowTotals([500, 498, 2])
    #expect(totals == [.shown(500), .withheld, .small])
    let table = CountTable(
      rows: ["female", "male", "not recorded"], columns: ["high", "low"],
      cells: [[50, 450], [60, 438], [1, 1]])
    let published = CellSuppression(table, rowTotals: totals)
    #expect(published.cells[0] == [.shown(50), .shown(450)])
    #expect(published.cells[1].allSatisfy { $0.value == nil })
    #expect(SubtractionAttack(published).smallCountsRevealed(in: table).isEmpty)
  }

  @Test func noShownCountIsNeedlesslyWithheld() {
    let table = CountTable(
      rows: ["a", "b"], columns: ["high", "low"], cells: [[20, 80], [30, 70]])
    let published = CellSuppression(table)
    #expect(published.cells.joined().allSatisfy { $0.value != nil })
    #expect(published.rowTotals == [.shown(100), .shown(100)])
  }

  /// Thousands of random tables of every shape, many with small counts: subtraction never
  /// recovers a count under 5, and every count that is shown is the true count.
  @Test func subtractionNeverRevealsASmallCount() {
    var random = SynthRandom(seed: 16)
    var tablesWithSmallCounts = 0
    for _ in 0..<3000 {
      let rows = random.int(in: 2...9)
      let columns = random.int(in: 2...5)
      let cells = (0..<rows).map { _ in
        (0..<columns).map { _ -> Int in
          switch random.int(below: 10) {
          case 0: 0
          case 1...3: random.int(in: 1...4)
          default: random.int(in: 5...200)
          }
        }
      }
      let table = CountTable(
        rows: (0..<rows).map { "g\($0)" }, columns: (0..<columns).map { "c\($0)" }, cells: cells)
      if table.cells.joined().contains(where: CellSuppression.isSmall) {
        tablesWithSmallCounts += 1
      }
      let published = CellSuppression(table)
      let revealed = SubtractionAttack(published).smallCountsRevealed(in: table)
      #expect(revealed.isEmpty, "\(cells): \(revealed)")
      for r in 0..<rows {
        for c in 0..<columns {
          if let shown = published.cells[r][c].value { #expect(shown == cells[r][c]) }
          #expect(!(CellSuppression.isSmall(cells[r][c]) && published.cells[r][c].value != nil))
        }
      }
    }
    #expect(tablesWithSmallCounts > 2000)
  }
}
