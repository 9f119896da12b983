/// The withheld counts of a table as a graph, to decide which of them the published counts
/// give away: each withheld count is an edge between its row and its column, and the
/// published totals (every column's, and the rows' that are shown) are sums over the edges at
/// a node. A combination of withheld counts can be worked out exactly when it is a linear
/// combination of the published sums; for these sums that is a question about paths, so it
/// is answered by walking the graph instead of by elimination.
///
/// Why: give each node a weight, zero for a node whose total is withheld; the weights'
/// combination of the node sums puts, on each edge, the sum of the weights at its two ends.
/// A single withheld count (an edge) is determined when some weights put 1 on it and 0 on
/// every other edge. Along any other edge the two ends' weights are opposite, so in each piece
/// of the graph without that edge the weights are one number, with a row's sign and a
/// column's opposite sign; a piece holding a withheld total has the number 0. If both ends
/// stay joined without the edge, the two ends cancel; otherwise the edge gets 1 exactly when
/// one of the two pieces holds no withheld total. A row's whole total (every count in the row
/// withheld, the total withheld) is determined when the row is the only node with a withheld
/// total in its piece of the graph, by the same reasoning with the row's own weight moved
/// to the other side. The node-sum matrix of a two-sided graph is totally unimodular, so this
/// is exactly what elimination over the equations decides.
struct WithheldGraph {
  private let rows: Int
  /// Edges at each node: rows are nodes `0..<rows`, columns `rows...`; each entry is the
  /// other end and the edge's number.
  private var adjacent: [[(node: Int, edge: Int)]]
  /// Whether each node's total is published (columns always are).
  private let published: [Bool]
  /// Each withheld count's edge number, by row and column.
  private var edges: [[Int?]]
  private var edgeCount = 0

  /// The graph of the counts `withheld[row][column]`, with the rows whose totals are
  /// published.
  init(withheld: [[Bool]], publishedRows: [Bool]) {
    rows = withheld.count
    let columns = withheld.first?.count ?? 0
    adjacent = Array(repeating: [], count: rows + columns)
    published = publishedRows + Array(repeating: true, count: columns)
    edges = withheld.map { $0.map { _ in nil } }
    for r in withheld.indices {
      for c in withheld[r].indices where withheld[r][c] { add(r, c) }
    }
  }

  /// Adds the count at row `r`, column `c` to the withheld ones.
  mutating func add(_ r: Int, _ c: Int) {
    guard edges[r][c] == nil else { return }
    edges[r][c] = edgeCount
    adjacent[r].append((rows + c, edgeCount))
    adjacent[rows + c].append((r, edgeCount))
    edgeCount += 1
  }

  /// Whether the single count at row `r`, column `c` can be worked out from the published
  /// totals (a count that is shown can be).
  func determines(row r: Int, column c: Int) -> Bool {
    guard let edge = edges[r][c] else { return true }
    let side = piece(from: r, without: edge)
    if side.joined[rows + c] { return false }
    return !side.withheldTotal || !piece(from: rows + c, without: edge).withheldTotal
  }

  /// Whether the total of row `r`, whose total is withheld, can be worked out from the
  /// published totals: every count in the row must be withheld for it not to be.
  func determinesTotal(row r: Int) -> Bool {
    guard edges[r].allSatisfy({ $0 != nil }) else { return true }
    precondition(!published[r], "a row whose total is published")
    let joined = piece(from: r, without: nil).joined
    return !joined.indices.contains { $0 != r && joined[$0] && !published[$0] }
  }

  /// Which nodes are joined to `start` by withheld counts other than `excluded`, and whether
  /// any of them has a withheld total.
  private func piece(from start: Int, without excluded: Int?) -> (
    joined: [Bool], withheldTotal: Bool
  ) {
    var joined = [Bool](repeating: false, count: adjacent.count)
    joined[start] = true
    var stack = [start]
    var withheldTotal = !published[start]
    while let node = stack.popLast() {
      for (next, edge) in adjacent[node] where edge != excluded && !joined[next] {
        joined[next] = true
        stack.append(next)
        if !published[next] { withheldTotal = true }
      }
    }
    return (joined, withheldTotal)
  }
}
