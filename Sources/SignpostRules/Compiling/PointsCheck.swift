import SignpostSource

/// Checks that no sum the scoring makes can overflow 64 bits: each domain's positive and
/// negative points, the capped domains together, and the negative points together. A value
/// whose addition would overflow is an error at the place it is written.
enum PointsCheck {
  static func check(_ pack: RulePack, _ bag: inout DiagnosticBag) {
    let domains = pack.scoring.domains
    var positive = [Int64](repeating: 0, count: domains.count)
    var negative = [Int64](repeating: 0, count: domains.count)
    var overflowing = Set<Int>()
    for indicator in pack.indicators {
      guard let d = domains.firstIndex(where: { $0.id == indicator.domain }) else { continue }
      let points = Int64(indicator.points)
      let (sum, overflow) =
        points > 0
        ? positive[d].addingReportingOverflow(points) : negative[d].addingReportingOverflow(points)
      if overflow {
        overflowing.insert(d)
        bag.append(
          Diagnostic(
            id: .packPointsOverflow,
            message:
              "the points of domain '\(indicator.domain)' would overflow with indicator '\(indicator.id)' (\(indicator.points))",
            file: indicator.file, at: indicator.pointsLocation ?? indicator.location,
            notes: ["points are summed in 64 bits; keep each domain's total within ±\(Int64.max)"]
          ))
      } else if points > 0 {
        positive[d] = sum
      } else {
        negative[d] = sum
      }
    }
    var cappedTotal: Int64 = 0
    var negativeTotal: Int64 = 0
    for (d, domain) in domains.enumerated() where !overflowing.contains(d) {
      let capped = min(positive[d], Int64(domain.cap))
      let (total, capOverflow) = cappedTotal.addingReportingOverflow(capped)
      let (below, negativeOverflow) = negativeTotal.addingReportingOverflow(negative[d])
      if capOverflow || negativeOverflow {
        bag.append(
          Diagnostic(
            id: .packPointsOverflow,
            message: "the score would overflow when domain '\(domain.id)' is added to the others",
            file: domain.file, at: domain.capLocation,
            notes: ["domains' capped points are summed in 64 bits before the score is clamped"]))
        continue
      }
      cappedTotal = total
      negativeTotal = below
    }
  }
}
