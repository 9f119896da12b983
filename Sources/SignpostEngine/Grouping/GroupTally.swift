/// Counts of one grouping over a score table, in one parallel pass over compact codes: each
/// group's population, people per band and people each indicator fired for.
struct GroupTally {
  let bands: Int
  let indicators: Int
  /// People per group.
  let populations: [Int]
  /// `group * bands + band`.
  private let bandCounts: [Int]
  /// `group * indicators + indicator`.
  private let firedCounts: [Int]

  /// Tallies the people whose `codes` entry is a group (0 up to `groups`); -1 is left out.
  init(codes: [Int32], groups: Int, bands: Int, table: ScoreTable) {
    let indicators = table.indicatorCount
    // Per group: population, then each band, then each indicator fired.
    let width = 1 + bands + indicators
    let parts = Parallel.mapRanges(count: table.count) { _, range -> [Int] in
      var tally = [Int](repeating: 0, count: groups * width)
      tally.withUnsafeMutableBufferPointer { tally in
        codes.withUnsafeBufferPointer { codes in
          table.bands.withUnsafeBufferPointer { band in
            table.outcomes.withUnsafeBufferPointer { outcomes in
              for p in range where codes[p] >= 0 {
                let base = Int(codes[p]) * width
                tally[base] += 1
                tally[base + 1 + Int(band[p])] += 1
                let row = p * indicators
                for i in 0..<indicators
                where outcomes[row + i] == ScoreTable.Outcome.fired.rawValue {
                  tally[base + 1 + bands + i] += 1
                }
              }
            }
          }
        }
      }
      return tally
    }
    var total = [Int](repeating: 0, count: groups * width)
    for part in parts { for n in total.indices { total[n] += part[n] } }
    self.bands = bands
    self.indicators = indicators
    populations = (0..<groups).map { total[$0 * width] }
    bandCounts = (0..<groups).flatMap { g in total[(g * width + 1)..<(g * width + 1 + bands)] }
    firedCounts = (0..<groups).flatMap { g in
      total[(g * width + 1 + bands)..<((g + 1) * width)]
    }
  }

  /// The people of group `g` in band `b`.
  func band(_ g: Int, _ b: Int) -> Int { bandCounts[g * bands + b] }

  /// The people of group `g` indicator `i` fired for.
  func fired(_ g: Int, _ i: Int) -> Int { firedCounts[g * indicators + i] }
}
