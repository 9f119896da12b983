/// The calibration figures of a synthetic population beside their targets: what
/// `signpost synth --summary` prints and the calibration tests check.
///
/// Rates of events are over the year before the as-of date, per 100 pupils on a roll at the
/// as-of date, as the DfE counts them.
public struct SynthStatistics: Sendable {
  /// One figure.
  public struct Measure: Sendable {
    /// A stable identifier, such as `persistent_absence`.
    public var id: String
    /// What is measured, for people.
    public var description: String
    /// A share (0–1), a rate per 100, a ratio or a count, as ``unit`` says.
    public var value: Double
    /// The target and its source, or empty when the figure is only reported.
    public var target: String
    /// How the value is shown: `%`, `per 100`, `×` or a count.
    public var unit: String

    /// The value as shown.
    public var formatted: String {
      switch unit {
      case "%": "\(Self.round(value * 100, 2))%"
      case "×": "\(Self.round(value, 2))×"
      case "per 100": "\(Self.round(value, 2)) per 100"
      default: "\(Int(value.rounded()))"
      }
    }

    static func round(_ value: Double, _ places: Int) -> String {
      guard value.isFinite else { return "n/a" }
      var scale = 1.0
      for _ in 0..<places { scale *= 10 }
      let scaled = Int((value * scale).rounded())
      let whole = abs(scaled) / Int(scale)
      var fraction = String(abs(scaled) % Int(scale))
      fraction = String(repeating: "0", count: places - fraction.count) + fraction
      return (scaled < 0 ? "-" : "") + "\(whole).\(fraction)"
    }
  }

  /// The figures, in a fixed order.
  public let measures: [Measure]

  /// The value of a measure by id.
  public func value(_ id: String) -> Double? { measures.first { $0.id == id }?.value }

  /// The measures as an aligned text table.
  public var table: String {
    let width = measures.map(\.description.count).max() ?? 0
    return measures.map { measure in
      let padding = String(repeating: " ", count: width - measure.description.count)
      let value = measure.formatted
      let target = measure.target.isEmpty ? "" : "   target \(measure.target)"
      return "  \(measure.description)\(padding)  \(value)\(target)"
    }.joined(separator: "\n")
  }

  init(_ population: SyntheticPopulation) {
    var measures: [Measure] = []
    func add(
      _ id: String, _ description: String, _ value: Double, _ unit: String, _ target: String = ""
    ) {
      measures.append(
        Measure(id: id, description: description, value: value, target: target, unit: unit))
    }
    func share(_ part: Int, _ whole: Int) -> Double {
      whole > 0 ? Double(part) / Double(whole) : .nan
    }

    let people = population.people
    let timeline = population.timeline
    let ages = people.map { timeline.age(birth: $0.birth) }
    let yearStart = timeline.asOf - 365
    let weekStart = timeline.asOf - 7
    let young = people.indices.filter { people[$0].isYoung }
    add("young_people", "young people aged 0–25", Double(young.count), "count")
    add("persons", "persons in the register", Double(people.count), "count")
    add("households", "households", Double(population.households.count), "count")
    add(
      "school_age_share", "young people aged 5–16",
      share(young.filter { (5...16).contains(ages[$0]) }.count, young.count),
      "%", "most")

    // School census.
    let pupils = people.indices.filter { people[$0].onRoll }
    add("pupils", "pupils on a roll", Double(pupils.count), "count")
    add(
      "fsm", "pupils on free school meals",
      share(pupils.filter { people[$0].fsm }.count, pupils.count), "%", "24.6% (DfE 2024, check)")
    add(
      "sen_support", "pupils with SEN support",
      share(pupils.filter { people[$0].sen == .support }.count, pupils.count), "%",
      "13.6% (DfE 2024, check)")
    add(
      "ehcp", "pupils with an EHCP",
      share(pupils.filter { people[$0].sen == .ehcp }.count, pupils.count), "%",
      "4.8% (DfE 2024, check)")

    let recorded = pupils.filter { !people[$0].blanks.contains(.attendance) }
    let attendance = recorded.map { Double(people[$0].attendance) }
    let mean = attendance.isEmpty ? .nan : attendance.reduce(0, +) / Double(attendance.count)
    add(
      "overall_absence", "overall absence (sessions)", (100 - mean) / 100, "%", "7.4% (DOMAIN.md)")
    func persistent(_ group: [Int]) -> Double {
      share(group.filter { people[$0].attendance <= 90 }.count, group.count)
    }
    func severe(_ group: [Int]) -> Double {
      share(group.filter { people[$0].attendance <= 50 }.count, group.count)
    }
    add(
      "persistent_absence", "persistent absence (≤ 90% attendance)", persistent(recorded), "%",
      "22% (DOMAIN.md)")
    add(
      "severe_absence", "severe absence (≤ 50% attendance)", severe(recorded), "%",
      "1.7% (DOMAIN.md)")
    add(
      "persistent_absence_fsm", "persistent absence, free school meals",
      persistent(recorded.filter { people[$0].fsm }), "%", "37% (DOMAIN.md)")
    add(
      "persistent_absence_not_fsm", "persistent absence, not free school meals",
      persistent(recorded.filter { !people[$0].fsm }), "%")
    add(
      "severe_absence_primary", "severe absence, primary (R–6)",
      severe(recorded.filter { people[$0].yearGroup <= 6 }), "%", "0.7% (DOMAIN.md)")
    add(
      "severe_absence_secondary", "severe absence, secondary (7–13)",
      severe(recorded.filter { people[$0].yearGroup >= 7 }), "%", "2.8% (DOMAIN.md)")

    // Exclusions in the last year, per 100 pupils.
    func counts(_ kind: SynthEventKind, from start: Int32) -> [Int] {
      var counts = Array(repeating: 0, count: people.count)
      for event in population.events(kind) where event.date >= start {
        counts[Int(event.person)] += 1
      }
      return counts
    }
    let suspensions = counts(.suspension, from: yearStart)
    let exclusions = counts(.permanentExclusion, from: yearStart)
    func rate(_ counts: [Int], _ group: [Int]) -> Double {
      group.isEmpty ? .nan : 100 * Double(group.reduce(0) { $0 + counts[$1] }) / Double(group.count)
    }
    let boys = pupils.filter { people[$0].male }
    let girls = pupils.filter { !people[$0].male }
    let noSEN = pupils.filter { people[$0].sen == .none }
    let support = pupils.filter { people[$0].sen == .support }
    let ehcp = pupils.filter { people[$0].sen == .ehcp }
    let fsm = pupils.filter { people[$0].fsm }
    let notFSM = pupils.filter { !people[$0].fsm }
    func ethnic(_ group: [Int], _ value: UInt8) -> [Int] {
      group.filter { people[$0].ethnicity == value }
    }
    let ethnicGroups: [(name: String, value: UInt8)] = [
      ("mixed", 1), ("asian", 2), ("black", 3), ("other", 4),
    ]
    func ethnicTargets(_ r: (mixed: Double, asian: Double, black: Double, other: Double))
      -> [Double]
    { [r.mixed, r.asian, r.black, r.other] }
    for (id, name, counts, rateTarget, ratios, ethnicity) in [
      (
        "suspensions", "suspensions", suspensions, "11.31", SynthRates.suspensionRatios,
        SynthRates.suspensionEthnicityRatios
      ),
      (
        "permanent_exclusions", "permanent exclusions", exclusions, "0.13",
        SynthRates.permanentExclusionRatios, SynthRates.permanentExclusionEthnicityRatios
      ),
    ] {
      for (group, target) in zip(ethnicGroups, ethnicTargets(ethnicity)) {
        add(
          "\(id)_\(group.name)_white", "\(name), \(group.name) / white",
          rate(counts, ethnic(pupils, group.value))
            / rate(counts, ethnic(pupils, SynthVocabulary.white)), "×",
          "\(target) (recalled, check)")
      }
      add(
        id, "\(name) a year", rate(counts, pupils), "per 100", "\(rateTarget) (DOMAIN.md, 2023/24)")
      add(
        "\(id)_boys_girls", "\(name), boys / girls", rate(counts, boys) / rate(counts, girls), "×",
        "\(ratios.male)")
      add(
        "\(id)_sen_support", "\(name), SEN support / no SEN",
        rate(counts, support) / rate(counts, noSEN), "×", "\(ratios.senSupport)")
      add(
        "\(id)_ehcp", "\(name), EHCP / no SEN", rate(counts, ehcp) / rate(counts, noSEN), "×",
        "\(ratios.ehcp)")
      add(
        "\(id)_fsm", "\(name), FSM / not FSM", rate(counts, fsm) / rate(counts, notFSM), "×",
        "\(ratios.fsm)")
    }
    add(
      "suspended_pupils", "pupils suspended at least once a year",
      share(pupils.filter { suspensions[$0] > 0 }.count, pupils.count), "%")

    // Missing education and social care.
    let compulsory = young.filter { (1...11).contains(Int(people[$0].yearGroup)) }
    var openEpisode = Array(repeating: false, count: people.count)
    for event in population.events(.missingEducation) where event.flag == 1 {
      openEpisode[Int(event.person)] = true
    }
    add(
      "cme", "children missing education (open episode)",
      share(compulsory.filter { openEpisode[$0] }.count, compulsory.count), "%",
      "0.4–0.5% (DOMAIN.md)")
    let children = young.filter { ages[$0] < 18 }
    add(
      "child_in_need", "under-18s in need (incl. CPP, LAC)",
      share(children.filter { people[$0].childInNeed }.count, children.count), "%",
      "3.3% (DOMAIN.md)")
    add(
      "child_protection_plan", "under-18s on a child protection plan",
      share(children.filter { people[$0].protectionPlan }.count, children.count), "%",
      "0.42% (DfE, check)")
    add(
      "looked_after", "under-18s looked after",
      share(children.filter { people[$0].lookedAfter }.count, children.count), "%",
      "0.7% (DfE, check)")
    add(
      "open_to_service", "under-18s open to a service",
      share(children.filter { people[$0].openToService }.count, children.count), "%")

    // Police and health, over the last year and the last week.
    func who(
      _ kind: SynthEventKind, from start: Int32, where matches: (SynthEvent) -> Bool = { _ in true }
    ) -> [Bool] {
      var found = Array(repeating: false, count: population.people.count)
      for event in population.events(kind) where event.date >= start && matches(event) {
        found[Int(event.person)] = true
      }
      return found
    }
    let teens = young.filter { (10...17).contains(ages[$0]) }
    let contact = who(.policeContact, from: yearStart)
    let suspect = who(.policeContact, from: yearStart) { $0.code == 0 }
    let armed = who(.policeContact, from: yearStart) { $0.code == 0 && $0.flag == 1 }
    let victim = who(.policeContact, from: yearStart) { $0.code == 1 }
    add(
      "police_contact_teens", "10–17s with a police contact in a year",
      share(teens.filter { contact[$0] }.count, teens.count), "%")
    add(
      "suspect_teens", "10–17s suspected of an offence in a year",
      share(teens.filter { suspect[$0] }.count, teens.count), "%")
    add(
      "victim_teens", "10–17s recorded as a victim in a year",
      share(teens.filter { victim[$0] }.count, teens.count), "%")
    let suspectTargets = ethnicTargets(SynthRates.suspectEthnicityRatios)
    for (group, target) in zip(ethnicGroups, suspectTargets) {
      let members = young.filter { (10...25).contains(ages[$0]) }
      let share = { (value: UInt8) in
        let people = ethnic(members, value)
        return Double(people.filter { suspect[$0] }.count) / Double(max(1, people.count))
      }
      add(
        "suspects_\(group.name)_white", "10–25s suspected in a year, \(group.name) / white",
        share(group.value) / share(SynthVocabulary.white), "×", "\(target) (recalled, check)")
    }
    add(
      "armed_suspects", "young people suspected with a weapon in a year",
      Double(young.filter { armed[$0] }.count), "count")
    let recentContact = who(.policeContact, from: weekStart)
    let recentSuspect = who(.policeContact, from: weekStart) { $0.code == 0 }
    add(
      "police_contact_7d", "young people with a police contact in the last 7 days",
      Double(young.filter { recentContact[$0] }.count), "count")
    add(
      "suspect_7d", "young people suspected in the last 7 days",
      Double(young.filter { recentSuspect[$0] }.count), "count")
    let missing = who(.missingEpisode, from: yearStart)
    add(
      "missing_8_17", "8–17s reported missing in a year",
      share(
        young.filter { (8...17).contains(ages[$0]) && missing[$0] }.count,
        young.filter { (8...17).contains(ages[$0]) }.count), "%")
    let abuse = who(.domesticAbuse, from: yearStart)
    add(
      "domestic_abuse_children", "under-18s with domestic abuse at home in a year",
      share(children.filter { abuse[$0] }.count, children.count), "%")
    let assault = who(.assaultAttendance, from: yearStart)
    add(
      "assault_attendance", "12–25s attending A&E after an assault in a year",
      share(
        young.filter { ages[$0] >= 12 && assault[$0] }.count, young.filter { ages[$0] >= 12 }.count),
      "%")
    let referral = who(.mentalHealthReferral, from: yearStart)
    add(
      "mental_health_5_17", "5–17s referred to mental-health services in a year",
      share(
        young.filter { (5...17).contains(ages[$0]) && referral[$0] }.count,
        young.filter { (5...17).contains(ages[$0]) }.count), "%")

    // Links.
    for relation in SynthRelation.allCases {
      add(
        "links_\(relation.name)", "\(relation.name) links",
        Double(population.links.filter { $0.relation == relation }.count), "count")
    }
    self.measures = measures
  }
}
