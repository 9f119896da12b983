import Foundation

extension PopulationBuilder {
  /// Base rates a year by age band (10–13, 14–17, 18–25), and a rate for under-10s.
  private func byAge(_ age: Int, _ rates: (Double, Double, Double), under10: Double = 0) -> Double {
    switch age {
    case ..<10: under10
    case 10...13: rates.0
    case 14...17: rates.1
    default: rates.2
    }
  }

  /// Police contacts (as suspect, victim, witness or other, kept apart), missing-from-home
  /// episodes, A&E assault attendances and mental-health referrals. Each rate has a base by
  /// age and a multiplier from the person's risk, normalised so that the base holds on
  /// average; victims of violence sometimes attend A&E the same day.
  mutating func makePoliceAndHealthEvents() {
    let young = people.indices.filter { people[$0].isYoung }
    // Multipliers first, then their means, so that the base rates hold on average.
    var multipliers: [[Double]] = Array(repeating: [], count: 7)
    for person in young {
      var random = stream(.policeHealth, person)
      let risk = Double(people[person].risk)
      multipliers[0].append(exp(1.1 * risk) * random.gammaMeanOne(shape: 0.5))  // suspect
      multipliers[1].append(exp(0.5 * risk) * random.gammaMeanOne(shape: 1))  // victim
      multipliers[2].append(exp(0.3 * risk))  // witness
      multipliers[3].append(exp(0.6 * risk))  // other
      multipliers[4].append(exp(1.2 * risk))  // missing
      multipliers[5].append(exp(0.9 * risk))  // A&E
      multipliers[6].append(exp(0.4 * risk))  // mental health
    }
    let means = multipliers.map { values in
      values.isEmpty ? 1 : values.reduce(0, +) / Double(values.count)
    }
    let suspectOffences = SynthRandom.cumulative(SynthVocabulary.suspectOffenceWeights)
    let victimOffences = SynthRandom.cumulative(SynthVocabulary.victimOffenceWeights)
    let witnessOffences = SynthRandom.cumulative(SynthVocabulary.witnessOffenceWeights)
    let otherOffences = SynthRandom.cumulative(SynthVocabulary.otherOffenceWeights)

    for (index, person) in young.enumerated() {
      var random = stream(.policeHealthEvents, person)
      let p = people[person]
      let age = self.age(person)
      func m(_ kind: Int) -> Double { multipliers[kind][index] / means[kind] }

      // Police contacts by role; as a suspect, national differences by ethnicity too.
      let sexFactor = p.male ? 1.6 : 0.45
      let ethnicity = SynthRates.suspectEthnicityRatios
      let ethnicFactor: Double =
        switch p.ethnicity {
        case 1: ethnicity.mixed
        case 2: ethnicity.asian
        case 3: ethnicity.black
        case 4: ethnicity.other
        default: 1
        }
      let roles: [(role: UInt8, rate: Double, offences: [Double])] = [
        (
          0, byAge(age, SynthRates.suspectContacts) * sexFactor * ethnicFactor * m(0),
          suspectOffences
        ),
        (1, byAge(age, SynthRates.victimContacts, under10: 0.008) * m(1), victimOffences),
        (
          2, byAge(age, SynthRates.witnessContacts, under10: age >= 5 ? 0.004 : 0) * m(2),
          witnessOffences
        ),
        (3, byAge(age, SynthRates.otherContacts) * m(3), otherOffences),
      ]
      for (role, rate, offences) in roles {
        for _ in 0..<random.poisson(timeline.windowMean(annualRate: rate)) {
          let offence = UInt8(random.pick(cumulative: offences))
          let event = policeContact(
            person: person, date: timeline.eventDay(&random), role: role, offence: offence,
            &random)
          add(.policeContact, event)
          // Some victims of violence or robbery attend A&E the same day.
          if role == 1, SynthVocabulary.injuringOffences.contains(offence), random.chance(0.35) {
            var attendance = SynthEvent(person: Int32(person), date: event.date)
            attendance.flag = event.flag == 1 ? 1 : 0
            add(.assaultAttendance, attendance)
          }
        }
      }

      // Missing from home: 8–17-year-olds, far more often when looked after; episodes repeat
      // within a few weeks of each other.
      if (8...17).contains(age) {
        let yearly = SynthRates.missingFromHome * m(4) * (p.lookedAfter ? 15 : 1)
        if random.chance(min(0.95, timeline.windowMean(annualRate: yearly))) {
          let first = timeline.eventDay(&random)
          let count = 1 + random.poisson(p.lookedAfter ? 3 : 1)
          for episode in 0..<count {
            var date = first
            if episode > 0 {
              date = min(
                timeline.asOf - 1,
                max(timeline.windowStart, first + Int32(random.int(in: -60...60))))
            }
            var event = SynthEvent(person: Int32(person), date: date)
            event.amount = Float(
              (min(720, exp(log(9.0) + 0.9 * random.normal())) * 10).rounded() / 10)
            if random.chance(0.04) { event.amount = .nan }
            add(.missingEpisode, event)
          }
        }
      }

      // A&E attendances for assault.
      if age >= 12 {
        let rate = SynthRates.assaultAttendances * (p.male ? 1.6 : 0.4) * m(5)
        for _ in 0..<random.poisson(timeline.windowMean(annualRate: rate)) {
          var event = SynthEvent(person: Int32(person), date: timeline.eventDay(&random))
          event.flag = random.chance(p.male ? 0.15 : 0.06) ? 1 : 0
          if random.chance(0.06) { event.flag = SynthEvent.blankFlag }
          add(.assaultAttendance, event)
        }
      }

      // Mental-health referrals.
      if age >= 5 {
        let rate: Double =
          switch age {
          case 5...10: SynthRates.mentalHealthReferrals.0
          case 11...17: SynthRates.mentalHealthReferrals.1 * (p.male ? 0.75 : 1.25)
          default: SynthRates.mentalHealthReferrals.2
          }
        for _ in 0..<random.poisson(timeline.windowMean(annualRate: rate * m(6))) {
          add(
            .mentalHealthReferral,
            SynthEvent(person: Int32(person), date: timeline.eventDay(&random)))
        }
      }
    }
  }

  /// One police contact; a few involve a weapon (always so for weapon possession).
  func policeContact(
    person: Int, date: Int32, role: UInt8, offence: UInt8, _ random: inout SynthRandom
  ) -> SynthEvent {
    var event = SynthEvent(person: Int32(person), date: date, code: role, code2: offence)
    let weapon: Double =
      switch offence {
      case SynthVocabulary.weaponPossession: 1
      case 2: role == 0 ? 0.25 : 0.2  // robbery
      case 0: role == 0 ? 0.12 : 0.15  // violence with injury
      case 1: 0.03
      default: 0.01
      }
    event.flag = random.chance(weapon) ? 1 : 0
    if random.chance(0.02) { event.code2 = SynthEvent.blankCode }
    if offence != SynthVocabulary.weaponPossession, random.chance(0.05) {
      event.flag = SynthEvent.blankFlag
    }
    return event
  }

  /// Domestic abuse incidents, by household: every young person in the household has the
  /// incident, on the same date, with whether a child was present.
  mutating func makeDomesticAbuse() {
    var weights: [Double] = []
    var randoms: [SynthRandom] = []
    for (index, household) in households.enumerated() {
      var random = stream(.domesticAbuse, index)
      weights.append(exp(0.9 * Double(household.risk)) * random.gammaMeanOne(shape: 0.6))
      randoms.append(random)
    }
    let mean = weights.isEmpty ? 1 : weights.reduce(0, +) / Double(weights.count)
    for (index, household) in households.enumerated() {
      let rate = SynthRates.domesticAbusePerHousehold * weights[index] / mean
      let count = randoms[index].poisson(timeline.windowMean(annualRate: rate))
      guard count > 0 else { continue }
      let young = household.members.filter { people[$0].isYoung }
      let hasChild = young.contains { age($0) < 18 }
      for _ in 0..<count {
        let date = timeline.eventDay(&randoms[index])
        let present: Int8 = hasChild && randoms[index].chance(0.6) ? 1 : 0
        for person in young {
          var event = SynthEvent(person: Int32(person), date: date, flag: present)
          if randoms[index].chance(0.04) { event.flag = SynthEvent.blankFlag }
          add(.domesticAbuse, event)
        }
      }
    }
  }
}
