import SignpostSynth
import SignpostTestSupport
import Testing

/// The generated rates on 20,000 young people, against DOMAIN.md's national figures.
@Suite struct CalibrationTests {
  /// Built once for the suite: Swift Testing makes a new instance of the suite for every test.
  static let statistics = SyntheticPopulation(
    SynthConfiguration(people: 20_000, seed: 2025, asOf: testAsOf)
  ).statistics

  var statistics: SynthStatistics { Self.statistics }

  func expectNear(
    _ id: String, _ target: Double, within tolerance: Double,
    sourceLocation: SourceLocation = #_sourceLocation
  ) {
    let value = statistics.value(id) ?? .nan
    #expect(
      abs(value - target) <= tolerance, "\(id) is \(value), target \(target) ± \(tolerance)",
      sourceLocation: sourceLocation)
  }

  @Test func absenceMeetsTheNationalFigures() {
    expectNear("overall_absence", 0.074, within: 0.004)
    expectNear("persistent_absence", 0.22, within: 0.015)
    expectNear("severe_absence", 0.017, within: 0.005)
    expectNear("persistent_absence_fsm", 0.37, within: 0.03)
    #expect(
      (statistics.value("severe_absence_secondary") ?? 0)
        > (statistics.value("severe_absence_primary") ?? 1))
  }

  @Test func exclusionsMeetTheNationalRatesAndDisparities() {
    expectNear("suspensions", 11.31, within: 1.2)
    expectNear("suspensions_boys_girls", 1.5, within: 0.3)
    expectNear("suspensions_sen_support", 4.0, within: 1.0)
    expectNear("suspensions_ehcp", 3.0, within: 1.0)
    expectNear("suspensions_fsm", 4.0, within: 1.0)
    expectNear("permanent_exclusions", 0.13, within: 0.08)
  }

  /// National differences by ethnicity (recalled figures, docs/synthetic-data.md): Asian
  /// pupils are suspended far less than White pupils, and Black and Mixed young people are
  /// more often police suspects, so a fairness report on synthetic data has differences to
  /// find. 20,000 mostly White young people give few others, so the bounds are wide.
  @Test func ratesDifferByEthnicityAsNationally() {
    #expect((statistics.value("suspensions_asian_white") ?? 1) < 0.7)
    #expect((statistics.value("suspensions_mixed_white") ?? 0) > 0.9)
    #expect((statistics.value("suspects_black_white") ?? 0) > 1.2)
  }

  @Test func schoolAndSocialCareSharesMeetTheirTargets() {
    expectNear("fsm", 0.246, within: 0.01)
    expectNear("sen_support", 0.136, within: 0.005)
    expectNear("ehcp", 0.048, within: 0.003)
    expectNear("cme", 0.0045, within: 0.0015)
    expectNear("child_in_need", 0.033, within: 0.003)
  }

  @Test func policeContactsAreRareAndSomeAreRecent() {
    let suspects = statistics.value("suspect_teens") ?? 1
    #expect(suspects > 0.005 && suspects < 0.08)
    #expect((statistics.value("police_contact_7d") ?? 0) >= 5)
    #expect((statistics.value("armed_suspects") ?? 0) >= 1)
    #expect((statistics.value("links_co_offender") ?? 0) > 0)
    #expect((statistics.value("links_peer") ?? 0) > 0)  // peer groups, for joint offences
  }
}
