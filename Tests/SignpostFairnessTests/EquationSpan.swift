/// The linear span of a set of equations over some unknowns, kept in echelon form, to decide
/// whether a combination of the unknowns can be worked out from them: how cell suppression
/// decided before ``WithheldGraph``, kept as its test oracle.
struct EquationSpan {
  private var basis: [[Double]] = []
  private var pivots: [Int] = []
  private static let tolerance = 1e-9

  init(_ equations: [[Double]]) {
    for equation in equations { add(equation) }
  }

  /// Adds an equation's coefficients.
  mutating func add(_ equation: [Double]) {
    var v = reduced(equation)
    guard let pivot = v.firstIndex(where: { abs($0) > Self.tolerance }) else { return }
    let scale = v[pivot]
    for i in v.indices where v[i] != 0 { v[i] /= scale }
    basis.append(v)
    pivots.append(pivot)
  }

  /// Whether the combination with these coefficients is determined by the equations.
  func determines(_ combination: [Double]) -> Bool {
    reduced(combination).allSatisfy { abs($0) <= Self.tolerance }
  }

  private func reduced(_ vector: [Double]) -> [Double] {
    var v = vector
    for (row, pivot) in zip(basis, pivots) {
      let factor = v[pivot]
      guard abs(factor) > Self.tolerance else { continue }
      for i in row.indices where row[i] != 0 { v[i] -= factor * row[i] }
    }
    return v
  }
}
