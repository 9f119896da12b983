extension PopulationBuilder {
  /// Year groups, school rolls, children missing education and home education. Siblings go
  /// to the same schools; most children go to a school in or serving their ward.
  mutating func assignSchools() {
    var compulsory: [Int] = []
    var scores: [Double] = []
    for person in people.indices where people[person].isYoung {
      let yearGroup = timeline.yearGroup(birth: people[person].birth)
      people[person].yearGroup = (0...13).contains(yearGroup) ? Int8(yearGroup) : -1
      if (1...11).contains(yearGroup) {
        var random = stream(.person, person)
        compulsory.append(person)
        scores.append(Double(people[person].risk) + 0.7 * random.normal())
      }
    }
    // The highest-risk children missing education now, the next ones back on a roll.
    let open = Calibration.top(SynthRates.missingEducationOpen, of: scores).map { compulsory[$0] }
    let either = Calibration.top(
      SynthRates.missingEducationOpen + SynthRates.missingEducationClosed, of: scores
    ).map { compulsory[$0] }
    missingEducationOpen = open.sorted()
    let openSet = Set(open)
    missingEducationClosed = either.filter { !openSet.contains($0) }.sorted()

    let primaries = borough.schools.indices.filter { borough.schools[$0].phase == .primary }
    for (index, household) in households.enumerated() {
      var random = stream(.schools, index)
      let ward = Int(household.ward)
      let localPrimaries = borough.primariesByWard[ward]
      let localSecondaries = borough.secondariesByWard[ward]
      let primary =
        random.chance(0.85) || primaries.isEmpty
        ? localPrimaries[random.int(below: localPrimaries.count)]
        : primaries[random.int(below: primaries.count)]
      let secondary =
        random.chance(0.8)
        ? localSecondaries[random.int(below: localSecondaries.count)]
        : borough.secondaries[random.int(below: borough.secondaries.count)]
      for person in household.members where people[person].isYoung {
        let yearGroup = Int(people[person].yearGroup)
        guard yearGroup >= 0, !openSet.contains(person) else { continue }
        var own = stream(.homeEducation, person)
        switch yearGroup {
        case 0...6:
          if yearGroup >= 1, own.chance(SynthRates.electiveHomeEducation) { continue }
          people[person].school = Int16(primary)
        case 7...11:
          if own.chance(SynthRates.electiveHomeEducation) { continue }
          people[person].school = Int16(secondary)
        default:
          if own.chance(SynthRates.schoolSixthForm) { people[person].school = Int16(secondary) }
        }
      }
    }
  }

  /// Free school meals by household, for the most deprived households, so that the target
  /// share of pupils is eligible.
  mutating func assignFreeSchoolMeals() {
    var scores: [Double] = []
    var weights: [Double] = []
    for (index, household) in households.enumerated() {
      var random = stream(.freeSchoolMeals, index)
      scores.append(Double(household.deprivation) + 0.5 * random.normal())
      weights.append(Double(household.members.filter { people[$0].onRoll }.count))
    }
    for index in Calibration.top(SynthRates.freeSchoolMeals, of: scores, weights: weights) {
      households[index].fsm = true
      for person in households[index].members where people[person].onRoll {
        people[person].fsm = true
      }
    }
  }

  /// The pupils currently on a roll, in id order.
  var pupils: [Int] { people.indices.filter { people[$0].onRoll } }

  /// SEN support and EHCPs: more often boys, pupils on free school meals and those at risk.
  mutating func assignSpecialNeeds() {
    let pupils = pupils
    let scores = pupils.map { person -> Double in
      var random = stream(.sen, person)
      let p = people[person]
      return 0.55 * (p.male ? 1 : 0) + 0.45 * (p.fsm ? 1 : 0) + 0.35 * Double(p.risk)
        + random.normal()
    }
    let ehcp = Calibration.top(SynthRates.ehcp, of: scores)
    let any = Calibration.top(SynthRates.ehcp + SynthRates.senSupport, of: scores)
    for index in any { people[pupils[index]].sen = .support }
    for index in ehcp { people[pupils[index]].sen = .ehcp }
  }

  /// Attendance: pupils are ranked on a latent absence score (phase, free school meals, SEN,
  /// risk and chance) and given the absence at their quantile of the national distribution
  /// (``SynthRates/absenceQuantiles``), so persistent and severe absence meet their shares.
  mutating func assignAttendance() {
    let pupils = pupils
    let scores = pupils.map { person -> Double in
      var random = stream(.attendance, person)
      let p = people[person]
      let phase: Double =
        switch Int(p.yearGroup) {
        case 0...6: 0
        case 7...11: 0.6
        default: 0.4
        }
      let sen: Double =
        switch p.sen {
        case .none: 0
        case .support: 0.35
        case .ehcp: 0.45
        }
      return phase + Self.fsmAbsenceEffect * (p.fsm ? 1 : 0) + sen + 0.55 * Double(p.risk)
        + 0.9 * random.normal()
    }
    let order = Calibration.ranked(scores)
    let count = Double(pupils.count)
    let possible = timeline.sessionsPossible
    for (rank, index) in order.enumerated() {
      let quantile = 1 - (Double(rank) + 0.5) / count
      let absence = Calibration.quantile(quantile, SynthRates.absenceQuantiles)
      // Whole sessions missed, and attendance from them as the returns compute it.
      let missed = min(possible, max(0, Int((Double(possible) * absence / 100).rounded())))
      people[pupils[index]].sessionsMissed = UInt16(clamping: missed)
      people[pupils[index]].attendance = Self.attendance(possible: possible, missed: missed)
    }
  }

  /// Attendance as a percentage of possible sessions, unrounded: exactly what the Wigan
  /// pack's `derive` computes from termly returns, in the same floating-point steps, so that
  /// both shapes of extract give the same value.
  static func attendance(possible: Int, missed: Int) -> Double {
    guard possible > 0 else { return 100 }
    return 100.0 * Double(possible - missed) / Double(possible)
  }

  /// How much free school meals raise the latent absence score (tuned so that 37% of pupils on
  /// free school meals are persistently absent).
  static let fsmAbsenceEffect = 0.45

  /// Children in need, child protection plans, looked-after children and Early Help, for the
  /// under-18s with the highest social-care score (mostly household adversity).
  mutating func assignSocialCare() {
    var children: [Int] = []
    var scores: [Double] = []
    for person in people.indices where people[person].isYoung && age(person) < 18 {
      var random = stream(.socialCare, person)
      let household = households[Int(people[person].household)]
      children.append(person)
      scores.append(
        0.75 * Double(people[person].risk) + 0.35 * Double(household.risk) + 0.6 * random.normal())
    }
    let order = Calibration.ranked(scores)
    let count = Double(children.count)
    let lookedAfter = Int((SynthRates.lookedAfter * count).rounded())
    let protection = lookedAfter + Int((SynthRates.childProtectionPlan * count).rounded())
    let inNeed = Int((SynthRates.childInNeed * count).rounded())
    let earlyHelp = inNeed + Int((SynthRates.earlyHelp * count).rounded())
    for (rank, index) in order.enumerated() {
      let person = children[index]
      if rank < lookedAfter { people[person].lookedAfter = true }
      if rank >= lookedAfter, rank < protection { people[person].protectionPlan = true }
      if rank < inNeed { people[person].childInNeed = true }
      if rank < earlyHelp { people[person].openToService = true } else { break }
    }
  }
}
