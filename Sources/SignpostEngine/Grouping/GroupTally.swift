/// Counts of several groupings over a score table, all in one parallel pass over compact
/// codes: each group's population, people per band and people each indicator fired for. A
/// person's band and fired indicators are read once, whatever the number of groupings.
struct GroupTally {
  let bands: Int
  let indicators: Int
  /// Per grouping, where its groups start in `counts`.
  private let starts: [Int]
  /// Per group of every grouping: the population, then each band, then each indicator fired.
  private let counts: [Int]
  private var width: Int { 1 + bands + indicators }

  /// People per chunk of a part: the fired indicators of a chunk are listed once, then each
  /// grouping's codes are read over the chunk.
  private static let chunk = 4096

  /// Tallies the people whose `codes` entry in each grouping is a group (0 up to `groups`);
  /// -1 is left out.
  init(groupings: [(codes: [Int32], groups: Int)], bands: Int, table: ScoreTable) {
    let indicators = table.indicatorCount
    let width = 1 + bands + indicators
    var starts: [Int] = []
    var groupsInAll = 0
    for grouping in groupings {
      starts.append(groupsInAll * width)
      groupsInAll += grouping.groups
    }
    let firstCounts = starts
    let size = groupsInAll * width
    let parts = Parallel.mapRanges(count: table.count) { _, range -> [Int] in
      var tally = [Int](repeating: 0, count: size)
      // The chunk's fired indicators as a list per person: `fired[listed[n]..<listed[n+1]]`.
      var firedStore = [Int](repeating: 0, count: Self.chunk * indicators)
      var listedStore = [Int](repeating: 0, count: Self.chunk + 1)
      tally.withUnsafeMutableBufferPointer { tally in
        firedStore.withUnsafeMutableBufferPointer { fired in
          listedStore.withUnsafeMutableBufferPointer { listed in
            table.bands.withUnsafeBufferPointer { band in
              table.outcomes.withUnsafeBytes { outcomes in
                for start in stride(from: range.lowerBound, to: range.upperBound, by: Self.chunk) {
                  let people = start..<min(range.upperBound, start + Self.chunk)
                  var end = 0
                  for (n, p) in people.enumerated() {
                    let row = UnsafeRawBufferPointer(
                      rebasing: outcomes[(p * indicators)..<((p + 1) * indicators)])
                    OutcomeScan.forEach(ScoreTable.Outcome.fired.rawValue, in: row) { i in
                      fired[end] = i
                      end += 1
                    }
                    listed[n + 1] = end
                  }
                  for (grouping, first) in zip(groupings, firstCounts) {
                    grouping.codes.withUnsafeBufferPointer { codes in
                      for (n, p) in people.enumerated() where codes[p] >= 0 {
                        let base = first + Int(codes[p]) * width
                        tally[base] += 1
                        tally[base + 1 + Int(band[p])] += 1
                        for k in listed[n]..<listed[n + 1] {
                          tally[base + 1 + bands + fired[k]] += 1
                        }
                      }
                    }
                  }
                }
              }
            }
          }
        }
      }
      return tally
    }
    var total = [Int](repeating: 0, count: size)
    for part in parts { for n in total.indices { total[n] += part[n] } }
    self.bands = bands
    self.indicators = indicators
    self.starts = starts
    counts = total
  }

  /// The people of group `g` of grouping `d`.
  func population(_ d: Int, _ g: Int) -> Int { counts[starts[d] + g * width] }

  /// The people of group `g` of grouping `d` in band `b`.
  func band(_ d: Int, _ g: Int, _ b: Int) -> Int { counts[starts[d] + g * width + 1 + b] }

  /// The people of group `g` of grouping `d` indicator `i` fired for.
  func fired(_ d: Int, _ g: Int, _ i: Int) -> Int {
    counts[starts[d] + g * width + 1 + bands + i]
  }
}
