import Foundation

extension PopulationBuilder {
  /// Relative numbers of young people of each age 0–25: most are of school age (5–16).
  static let ageWeights: [Double] = (0...25).map { age in
    age < 5 ? 0.75 : age <= 16 ? 1.3 : 0.55
  }
  /// The share of young people with complex needs: their risk is raised by 1.5.
  static let complexNeeds = 0.02
  /// Children in a family household: 1 to 5.
  static let childCountWeights = [0.38, 0.38, 0.16, 0.06, 0.02]

  /// Creates households until there are as many young people as asked for.
  mutating func makeHouseholds() {
    let target = configuration.people
    let ageCumulative = SynthRandom.cumulative(Self.ageWeights)
    let childCumulative = SynthRandom.cumulative(Self.childCountWeights)
    let ethnicityCumulative = SynthRandom.cumulative(SynthVocabulary.ethnicityWeights)
    let wardCumulative = SynthRandom.cumulative(
      borough.wards.map { 1 + 0.15 * $0.deprivation })
    let youngAdultCumulative = SynthRandom.cumulative(Array(Self.ageWeights[18...25]))
    people.reserveCapacity(target * 17 / 10)
    var young = 0
    while young < target {
      let index = households.count
      var random = stream(.household, index)
      let ward = random.pick(cumulative: wardCumulative)
      let deprivation = 0.7 * borough.wards[ward].deprivation + 0.7 * random.normal()
      let risk = 0.45 * deprivation + 0.85 * random.normal()
      let ethnicity = UInt8(random.pick(cumulative: ethnicityCumulative))
      var household = SynthHousehold(
        firstPerson: Int32(people.count), count: 0, ward: Int16(ward),
        deprivation: Float(deprivation), risk: Float(risk))
      let remaining = target - young
      let context = Member(household: index, ward: ward, ethnicity: ethnicity, risk: risk)

      if random.chance(0.1) {
        // A young adult who has left home, alone or with a partner, and sometimes a baby.
        let adults = remaining >= 2 && random.chance(0.35) ? 2 : 1
        var members: [Int] = []
        for position in 0..<adults {
          let age = 18 + random.pick(cumulative: youngAdultCumulative)
          let male = adults == 2 ? position == 1 : random.chance(0.5)
          members.append(addPerson(context, age: age, male: male, young: true, &random))
        }
        for (position, a) in members.enumerated() {
          for b in members[(position + 1)...] { link(a, b, .household) }
        }
        if remaining > adults, random.chance(0.2) {
          let baby = addPerson(
            context, age: random.int(in: 0...3), male: random.chance(0.512), young: true,
            &random)
          for parent in members { link(baby, parent, .parentCarer) }
          young += 1
        }
        young += adults
      } else {
        // A family: children of similar ages, one or two parents or carers, sometimes
        // another adult (a grandparent, a lodger, a parent's new partner).
        let childCount = min(remaining, 1 + random.pick(cumulative: childCumulative))
        var ages = [random.pick(cumulative: ageCumulative)]
        while ages.count < childCount {
          let gap = random.int(in: 1...5)
          let younger = (ages.min() ?? 0) - gap
          let older = (ages.max() ?? 0) + gap
          if younger >= 0, random.chance(0.6) || older > 25 {
            ages.append(younger)
          } else if older <= 25 {
            ages.append(older)
          } else {
            break
          }
        }
        let children = ages.map {
          addPerson(context, age: $0, male: random.chance(0.512), young: true, &random)
        }
        for (position, a) in children.enumerated() {
          for b in children[(position + 1)...] { link(a, b, .sibling) }
        }
        let oldest = ages.max() ?? 0
        let motherAge = max(26, oldest + max(16, Int(29 + 5 * random.normal() - 2 * deprivation)))
        let lone = random.chance(min(0.5, max(0.05, 0.22 + 0.08 * deprivation)))
        var carers: [Int] = []
        if lone {
          carers.append(
            addPerson(
              context, age: min(motherAge, 70), male: random.chance(0.1), young: false, &random))
        } else {
          carers.append(
            addPerson(context, age: min(motherAge, 70), male: false, young: false, &random))
          let fatherAge = min(75, max(26, motherAge + random.int(in: -2...6)))
          carers.append(addPerson(context, age: fatherAge, male: true, young: false, &random))
          link(carers[0], carers[1], .household)
        }
        for child in children {
          for carer in carers { link(child, carer, .parentCarer) }
        }
        if random.chance(0.06) {
          let grandparent = random.chance(0.6)
          let age =
            grandparent ? min(85, motherAge + random.int(in: 20...30)) : random.int(in: 26...60)
          let other = addPerson(context, age: age, male: random.chance(0.45), young: false, &random)
          for member in children + carers { link(member, other, .household) }
        }
        young += children.count
      }
      household.count = Int32(people.count) - household.firstPerson
      households.append(household)
    }
  }

  /// What members of one household share.
  struct Member {
    var household: Int
    var ward: Int
    var ethnicity: UInt8
    var risk: Double
  }

  /// Adds one person to the household being built; returns their index.
  mutating func addPerson(
    _ member: Member, age: Int, male: Bool, young: Bool, _ random: inout SynthRandom
  ) -> Int {
    // A young person's risk is partly shared with the household, partly their own; a few
    // have complex needs, which makes the tail of high risk heavier.
    var risk = young ? 0.6 * member.risk + 0.8 * random.normal() : member.risk
    if young, random.chance(Self.complexNeeds) { risk += 1.5 }
    var ethnicity = member.ethnicity
    if young, ethnicity == 0, random.chance(0.015) { ethnicity = 1 }
    people.append(
      SynthPerson(
        household: Int32(member.household), birth: timeline.birthDate(age: age, &random),
        isYoung: young, male: male, ethnicity: ethnicity, ward: Int16(member.ward),
        risk: Float(risk)))
    return people.count - 1
  }
}
