import Testing

@testable import SignpostEngine

/// The score table keeps what a million people need in as few bytes as it can: domain points
/// in one byte when the pack's points and caps allow it, priorities only for eligible
/// decisions, scores in one byte. The values read back are the same on both engines.
/// P1 fires both expressions and one indicator of the fixture's own worth 20 points in the
/// same domain; the domain's lowest possible sum is twice `points`, one byte's bound is -128.
@Test(arguments: [(points: -60, narrow: true, sum: -100), (points: -70, narrow: false, sum: -120)])
func domainPointsTakeOneByteOnlyWhenEveryCappedSumFits(points: Int, narrow: Bool, sum: Int64)
  throws
{
  let pack = try expressionPack(
    ["person.attendance < 100.0", "person.attendance < 99.0"], points: points)
  let folder = try tinyExtract(["people.csv", "police_contacts.csv", "social_care.csv"])
  defer { folder.remove() }
  let (lines, run) = try disagreements(pack, folder.path)
  #expect(lines.isEmpty, "\(lines)")
  let table = run.table
  #expect(table.domainPoints.narrow.isEmpty == !narrow)
  #expect(table.domainPoints.count == table.count * table.domainCount)
  let p1 = try #require(run.read.population.ids.firstIndex(of: "P1"))
  #expect(table.domainPoints[p1 * table.domainCount] == sum)
}

@Test func prioritiesAreKeptForEligibleDecisionsOnly() throws {
  let (_, run) = try wiganSampleRun()
  let table = run.table
  var eligible = 0
  for p in 0..<table.count {
    for g in 0..<table.programmeCount {
      if table.decision(p, g) == .eligible {
        eligible += 1
      } else {
        #expect(table.priorities[p * table.programmeCount + g] == 0)
      }
    }
  }
  #expect(eligible > 0)
  #expect(table.priorities.slots.count == eligible)
  #expect(table.priorities.slots == table.priorities.slots.sorted())
  #expect(table.domainPoints.narrow.count == table.count * table.domainCount)
}
