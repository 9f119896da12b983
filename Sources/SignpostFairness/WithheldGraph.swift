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
///
/// The edges at each node are a list threaded through flat arrays, newest first, so a count
/// can be added and the newest taken away again (to try a count) without copying the graph,
/// and a walk reuses the graph's own marks and stack instead of allocating.
struct WithheldGraph {
  private let rows: Int
  private let columns: Int
  /// Whether each node's total is published (columns always are): rows are nodes
  /// `0..<rows`, columns `rows...`.
  private let published: [Bool]
  /// Per node, its newest edge end (-1 for none). Edge `e` has two ends: `2e` at its row,
  /// `2e + 1` at its column.
  private var newest: [Int32] = []
  /// Per edge end: the node at the other end, and the next older end at the same node.
  private var otherNode: [Int32] = []
  private var older: [Int32] = []
  /// Each count's edge number by `row * columns + column`, -1 when it is shown.
  private var edgeAt: [Int32]
  /// Each edge's count, `row * columns + column`, in the order added.
  private var cells: [Int32] = []
  /// A walk's marks (a node is joined when its mark is `walk`) and stack.
  private var marks: [UInt32]
  private var walk: UInt32 = 0
  private var stack: [Int32] = []

  /// The graph of the counts `withheld[row][column]`, with the rows whose totals are
  /// published.
  init(withheld: [[Bool]], publishedRows: [Bool]) {
    rows = withheld.count
    columns = withheld.first?.count ?? 0
    published = publishedRows + Array(repeating: true, count: columns)
    newest = Array(repeating: -1, count: rows + columns)
    marks = Array(repeating: 0, count: rows + columns)
    edgeAt = Array(repeating: -1, count: rows * columns)
    for r in withheld.indices {
      for c in withheld[r].indices where withheld[r][c] { add(r, c) }
    }
  }

  /// Adds the count at row `r`, column `c` to the withheld ones.
  mutating func add(_ r: Int, _ c: Int) {
    guard edgeAt[r * columns + c] < 0 else { return }
    let edge = Int32(cells.count)
    edgeAt[r * columns + c] = edge
    cells.append(Int32(r * columns + c))
    attach(r, to: rows + c)
    attach(rows + c, to: r)
  }

  /// Adds an edge end at `node`, its newest, whose other end is at `other`.
  private mutating func attach(_ node: Int, to other: Int) {
    otherNode.append(Int32(other))
    older.append(newest[node])
    newest[node] = Int32(otherNode.count - 1)
  }

  /// Takes away the count added last (by ``add(_:_:)`` or the graph's making).
  mutating func removeNewest() {
    guard let cell = cells.popLast() else { return }
    let (r, c) = (Int(cell) / columns, Int(cell) % columns)
    edgeAt[Int(cell)] = -1
    newest[rows + c] = older.removeLast()
    newest[r] = older.removeLast()
    otherNode.removeLast(2)
  }

  /// Whether the single count at row `r`, column `c` can be worked out from the published
  /// totals (a count that is shown can be).
  mutating func determines(row r: Int, column c: Int) -> Bool {
    let edge = Int(edgeAt[r * columns + c])
    guard edge >= 0 else { return true }
    // Joined without the count: not determined, found as soon as the walk reaches it.
    guard let beyondRow = piece(from: r, without: edge, until: rows + c) else { return false }
    if published[r] && !beyondRow { return true }
    let beyondColumn = piece(from: rows + c, without: edge, until: nil) ?? true
    return published[rows + c] && !beyondColumn
  }

  /// Whether the total of row `r`, whose total is withheld, can be worked out from the
  /// published totals: every count in the row must be withheld for it not to be.
  mutating func determinesTotal(row r: Int) -> Bool {
    guard (0..<columns).allSatisfy({ edgeAt[r * columns + $0] >= 0 }) else { return true }
    precondition(!published[r], "a row whose total is published")
    return piece(from: r, without: nil, until: nil, stopAtWithheldTotal: true) == false
  }

  /// Walks from `start` over the withheld counts other than edge `excluded` and says whether
  /// any node reached other than `start` has a withheld total; `nil` as soon as it reaches
  /// node `target`. With `stopAtWithheldTotal`, it stops at the first such node.
  private mutating func piece(
    from start: Int, without excluded: Int?, until target: Int?,
    stopAtWithheldTotal: Bool = false
  ) -> Bool? {
    walk &+= 1
    if walk == 0 {
      // The marks' numbers wrapped around: every old mark is cleared once.
      for n in marks.indices { marks[n] = 0 }
      walk = 1
    }
    let walk = walk
    let excluded = excluded ?? -1
    let target = target ?? -1
    var withheldTotal = false
    marks[start] = walk
    stack.removeAll(keepingCapacity: true)
    stack.append(Int32(start))
    while let node = stack.popLast() {
      var end = Int(newest[Int(node)])
      while end >= 0 {
        let next = Int(otherNode[end])
        if end / 2 != excluded && marks[next] != walk {
          if next == target { return nil }
          marks[next] = walk
          stack.append(Int32(next))
          if !published[next] {
            if stopAtWithheldTotal { return true }
            withheldTotal = true
          }
        }
        end = Int(older[end])
      }
    }
    return withheldTotal
  }
}
