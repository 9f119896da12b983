import SignpostSource

/// Orders indicators so that each is evaluated after what it reads: local dependencies in
/// the same stratum (topologically), linked persons' indicators in an earlier stratum.
/// A cycle is rejected, naming every member, rather than iterated.
enum IndicatorGraph {
  static func stratify(_ indicators: [CompiledIndicator]) -> Result<
    (strata: [[Int]], indicators: [CompiledIndicator]), DiagnosticsError
  > {
    let count = indicators.count
    let edges = indicators.map { Set($0.localDependencies + $0.networkDependencies) }
    var diagnostics: [Diagnostic] = []
    for component in stronglyConnectedComponents(count: count, edges: edges) {
      let members = component.sorted()
      let isCycle = members.count > 1 || edges[members[0]].contains(members[0])
      guard isCycle else { continue }
      let memberSet = Set(members)
      let throughNetwork = members.contains { member in
        indicators[member].networkDependencies.contains { memberSet.contains($0) }
      }
      let path = cyclePath(members, edges: edges).map { indicators[$0].indicator }
      diagnostics.append(PackDiagnostics.cycle(path, throughNetwork: throughNetwork))
    }
    guard diagnostics.isEmpty else { return .failure(DiagnosticsError(diagnostics)) }

    // Depth-first post-order gives a dependency-respecting order.
    var order: [Int] = []
    var visited = [Bool](repeating: false, count: count)
    func visit(_ node: Int) {
      guard !visited[node] else { return }
      visited[node] = true
      for dependency in edges[node].sorted() { visit(dependency) }
      order.append(node)
    }
    for node in 0..<count { visit(node) }
    var stratum = [Int](repeating: 0, count: count)
    for node in order {
      let local = indicators[node].localDependencies.map { stratum[$0] }
      let network = indicators[node].networkDependencies.map { stratum[$0] + 1 }
      stratum[node] = (local + network).max() ?? 0
    }
    let depth = (stratum.max() ?? -1) + 1
    var strata = [[Int]](repeating: [], count: depth)
    for node in order { strata[stratum[node]].append(node) }
    let updated = indicators.enumerated().map { index, compiled in
      CompiledIndicator(
        indicator: compiled.indicator, when: compiled.when, evidence: compiled.evidence,
        localDependencies: compiled.localDependencies,
        networkDependencies: compiled.networkDependencies, stratum: stratum[index],
        domainIndex: compiled.domainIndex)
    }
    return .success((strata, updated))
  }

  /// Tarjan's algorithm, iterative so that a long chain cannot overflow the stack.
  static func stronglyConnectedComponents(count: Int, edges: [Set<Int>]) -> [[Int]] {
    var index = 0
    var indices = [Int?](repeating: nil, count: count)
    var lowlink = [Int](repeating: 0, count: count)
    var onStack = [Bool](repeating: false, count: count)
    var stack: [Int] = []
    var components: [[Int]] = []
    let sortedEdges = edges.map { $0.sorted() }
    for root in 0..<count where indices[root] == nil {
      var work: [(node: Int, next: Int)] = [(root, 0)]
      indices[root] = index
      lowlink[root] = index
      index += 1
      stack.append(root)
      onStack[root] = true
      while let (node, next) = work.last {
        if next < sortedEdges[node].count {
          work[work.count - 1].next += 1
          let target = sortedEdges[node][next]
          if indices[target] == nil {
            indices[target] = index
            lowlink[target] = index
            index += 1
            stack.append(target)
            onStack[target] = true
            work.append((target, 0))
          } else if onStack[target], let targetIndex = indices[target] {
            lowlink[node] = min(lowlink[node], targetIndex)
          }
          continue
        }
        work.removeLast()
        if let parent = work.last {
          lowlink[parent.node] = min(lowlink[parent.node], lowlink[node])
        }
        if lowlink[node] == indices[node] {
          var component: [Int] = []
          while let member = stack.popLast() {
            onStack[member] = false
            component.append(member)
            if member == node { break }
          }
          components.append(component)
        }
      }
    }
    return components
  }

  /// A closed walk through every member of a strongly connected component, for the message.
  private static func cyclePath(_ members: [Int], edges: [Set<Int>]) -> [Int] {
    let memberSet = Set(members)
    var path = [members[0]]
    var visited: Set<Int> = [members[0]]
    var current = members[0]
    while let next = edges[current].sorted().first(where: {
      memberSet.contains($0) && !visited.contains($0)
    }) {
      path.append(next)
      visited.insert(next)
      current = next
    }
    // Members not on the simple walk are still named.
    path.append(contentsOf: members.filter { !visited.contains($0) })
    return path
  }
}
