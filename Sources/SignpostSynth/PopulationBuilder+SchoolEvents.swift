import Foundation

extension PopulationBuilder {
  /// Suspensions and permanent exclusions, raked so that the rate ratios between boys and
  /// girls, SEN and no SEN, free school meals and not, meet DOMAIN.md's disparities, then
  /// scaled to the national rates; and episodes of missing education.
  mutating func makeSchoolEvents() {
    let pupils = pupils
    let male = pupils.map { people[$0].male }
    let female = male.map { !$0 }
    let support = pupils.map { people[$0].sen == .support }
    let ehcp = pupils.map { people[$0].sen == .ehcp }
    let noSEN = pupils.map { people[$0].sen == .none }
    let fsm = pupils.map { people[$0].fsm }
    let notFSM = fsm.map { !$0 }
    let ethnicGroups = pupils.map { people[$0].ethnicity }
    func ethnicGroup(_ value: UInt8) -> [Bool] { ethnicGroups.map { $0 == value } }
    let white = ethnicGroup(SynthVocabulary.white)

    func ratios(
      _ r: (male: Double, senSupport: Double, ehcp: Double, fsm: Double),
      ethnicity e: (mixed: Double, asian: Double, black: Double, other: Double)
    ) -> [Calibration.Ratio] {
      [
        Calibration.Ratio(member: male, reference: female, target: r.male),
        Calibration.Ratio(member: support, reference: noSEN, target: r.senSupport),
        Calibration.Ratio(member: ehcp, reference: noSEN, target: r.ehcp),
        Calibration.Ratio(member: fsm, reference: notFSM, target: r.fsm),
        Calibration.Ratio(member: ethnicGroup(1), reference: white, target: e.mixed),
        Calibration.Ratio(member: ethnicGroup(2), reference: white, target: e.asian),
        Calibration.Ratio(member: ethnicGroup(3), reference: white, target: e.black),
        Calibration.Ratio(member: ethnicGroup(4), reference: white, target: e.other),
      ]
    }

    // Suspensions: most in secondary schools, concentrated on a few pupils (gamma frailty),
    // so that many are repeats.
    var randoms = pupils.map { stream(.schoolEvents, $0) }
    var base: [Double] = []
    for (index, person) in pupils.enumerated() {
      let phase: Double =
        switch Int(people[person].yearGroup) {
        case 0...6: 1
        case 7...11: 12
        default: 2.5
        }
      base.append(
        phase * exp(0.9 * Double(people[person].risk)) * randoms[index].gammaMeanOne(shape: 0.3))
    }
    let rates = Calibration.normalise(
      Calibration.rake(
        base,
        ratios: ratios(
          SynthRates.suspensionRatios, ethnicity: SynthRates.suspensionEthnicityRatios)),
      mean: SynthRates.suspensionsPer100 / 100)
    let reasonCumulative = SynthRandom.cumulative(SynthVocabulary.suspensionReasonWeights)
    let daysCumulative = SynthRandom.cumulative(SynthVocabulary.suspensionDayWeights)
    // Totals are fixed per group of sex, SEN and free school meals (see
    // ``Calibration/allocate``), so that the disparities hold in a small extract too.
    let groups = pupils.map { person in
      let p = people[person]
      return (p.male ? 1 : 0) + 2 * Int(p.sen.rawValue) + 6 * (p.fsm ? 1 : 0)
    }
    var allocation = stream(.schoolEventsAllocation, 0)
    let suspensionCounts = Calibration.allocate(
      rates.map { timeline.schoolWindowMean(annualRate: $0) }, groups: groups, atMostOne: false,
      &allocation)
    for (index, person) in pupils.enumerated() {
      for _ in 0..<suspensionCounts[index] {
        var event = SynthEvent(person: Int32(person), date: timeline.schoolDay(&randoms[index]))
        event.code = UInt8(randoms[index].pick(cumulative: reasonCumulative))
        event.amount =
          SynthVocabulary.suspensionDays[randoms[index].pick(cumulative: daysCumulative)]
        if randoms[index].chance(0.01) { event.code = SynthEvent.blankCode }
        if randoms[index].chance(0.02) { event.amount = .nan }
        add(.suspension, event)
      }
    }

    // Permanent exclusions: rarer, more likely after many suspensions, at most one per pupil;
    // the pupil is then on the roll of the pupil referral unit.
    var exclusionBase: [Double] = []
    for (index, person) in pupils.enumerated() {
      let phase: Double =
        switch Int(people[person].yearGroup) {
        case 0...6: 1
        case 7...11: 10
        default: 2
        }
      exclusionBase.append(
        phase * exp(0.9 * Double(people[person].risk))
          * pow(1 + Double(suspensionCounts[index]), 1.2))
    }
    let exclusionRates = Calibration.normalise(
      Calibration.rake(
        exclusionBase,
        ratios: ratios(
          SynthRates.permanentExclusionRatios,
          ethnicity: SynthRates.permanentExclusionEthnicityRatios)),
      mean: SynthRates.permanentExclusionsPer100 / 100)
    let exclusionReasons = SynthRandom.cumulative(
      SynthVocabulary.permanentExclusionReasonWeights)
    let excluded = Calibration.allocate(
      exclusionRates.map { min(0.9, timeline.schoolWindowMean(annualRate: $0)) }, groups: groups,
      atMostOne: true, &allocation)
    for (index, person) in pupils.enumerated() where excluded[index] > 0 {
      let date = timeline.schoolDay(&randoms[index])
      var event = SynthEvent(person: Int32(person), date: date)
      event.code = UInt8(randoms[index].pick(cumulative: exclusionReasons))
      if randoms[index].chance(0.01) { event.code = SynthEvent.blankCode }
      add(.permanentExclusion, event)
      people[person].school = Int16(borough.referralUnit)
    }

    // Missing education: open episodes began in the last four months; closed ones earlier.
    let recentDays = timeline.schoolDays.filter { $0 >= timeline.asOf - 120 }
    let earlierDays = timeline.schoolDays.filter { $0 < timeline.asOf - 30 }
    for person in missingEducationOpen {
      var random = stream(.missingEducation, person)
      let start =
        recentDays.isEmpty
        ? timeline.eventDay(&random) : recentDays[random.int(below: recentDays.count)]
      add(.missingEducation, SynthEvent(person: Int32(person), date: start, flag: 1))
      if random.chance(0.2), !earlierDays.isEmpty {
        let earlier = earlierDays[random.int(below: earlierDays.count)]
        if earlier < start - 30 {
          add(.missingEducation, SynthEvent(person: Int32(person), date: earlier, flag: 0))
        }
      }
    }
    for person in missingEducationClosed {
      var random = stream(.missingEducation, person)
      let day =
        earlierDays.isEmpty
        ? timeline.eventDay(&random) : earlierDays[random.int(below: earlierDays.count)]
      add(.missingEducation, SynthEvent(person: Int32(person), date: day, flag: 0))
    }
  }
}
