import Foundation

extension PopulationBuilder {
  /// Peer groups among 11–21-year-olds: pupils by school and year band, others by ward and
  /// age band. Young people at higher risk are more often recorded as associates, and
  /// associate with others at similar risk, so risk clusters. Groups commit some offences
  /// together: each joint incident gives every participant a suspect contact on the same date
  /// and links them as co-offenders.
  mutating func makePeerGroups() {
    var candidates: [(bucket: Int, key: Double, person: Int)] = []
    let schoolCount = borough.schools.count
    for person in people.indices where people[person].isYoung {
      let age = self.age(person)
      guard (11...21).contains(age) else { continue }
      var random = stream(.peers, person)
      let risk = Double(people[person].risk)
      let include = 0.04 + 0.3 / (1 + exp(-2 * (risk - 0.8)))
      guard random.chance(include) else { continue }
      let p = people[person]
      let bucket: Int
      if p.onRoll, borough.schools[Int(p.school)].phase != .primary {
        let band = min(2, max(0, (Int(p.yearGroup) - 7) / 2))
        bucket = Int(p.school) * 3 + band
      } else {
        bucket = schoolCount * 3 + Int(p.ward) * 3 + (age < 16 ? 0 : age < 18 ? 1 : 2)
      }
      candidates.append((bucket, risk + 0.5 * random.normal(), person))
    }
    candidates.sort { a, b in
      if a.bucket != b.bucket { return a.bucket < b.bucket }
      if a.key != b.key { return a.key > b.key }
      return a.person < b.person
    }
    var groups: [[Int]] = []
    var random = stream(.peerGroups, 0)
    var start = 0
    while start < candidates.count {
      var end = start
      while end < candidates.count, candidates[end].bucket == candidates[start].bucket { end += 1 }
      var position = start
      while position < end {
        var size = min(end - position, random.int(in: 2...5))
        // Nobody is left alone at the end of a bucket.
        if end - position - size == 1 { size += 1 }
        if size >= 2 { groups.append(candidates[position..<(position + size)].map(\.person)) }
        position += size
      }
      start = end
    }
    let offences = SynthRandom.cumulative(SynthVocabulary.suspectOffenceWeights)
    for (index, group) in groups.enumerated() {
      for (position, a) in group.enumerated() {
        for b in group[(position + 1)...] { link(a, b, .peer) }
      }
      var random = stream(.coOffending, index)
      let meanRisk = group.map { Double(people[$0].risk) }.reduce(0, +) / Double(group.count)
      let rate = 0.06 * exp(1.2 * meanRisk) * Double(group.count) / 3
      for _ in 0..<random.poisson(timeline.windowMean(annualRate: rate)) {
        let size = min(group.count, random.int(in: 2...4))
        var members = group
        for swap in 0..<size {
          members.swapAt(swap, swap + random.int(below: members.count - swap))
        }
        let participants = members[0..<size].sorted()
        let date = timeline.eventDay(&random)
        let offence = UInt8(random.pick(cumulative: offences))
        let template = policeContact(
          person: participants[0], date: date, role: 0, offence: offence, &random)
        for person in participants {
          var event = template
          event.person = Int32(person)
          add(.policeContact, event)
        }
        for (position, a) in participants.enumerated() {
          for b in participants[(position + 1)...] { link(a, b, .coOffender) }
        }
      }
    }
  }

  /// Youth justice: some 10–17-year-olds suspected of an offence in the last six months are
  /// open to the youth justice service.
  mutating func assignYouthJustice() {
    var latest = Array(repeating: Int32.min, count: people.count)
    for event in events(.policeContact) where event.code == 0 {
      latest[Int(event.person)] = max(latest[Int(event.person)], event.date)
    }
    for person in people.indices where latest[person] >= timeline.asOf - 180 {
      let age = self.age(person)
      guard (10...17).contains(age) else { continue }
      var random = stream(.youthJustice, person)
      if random.chance(0.35) { people[person].openToService = true }
    }
  }

  /// The events of one kind so far.
  func events(_ kind: SynthEventKind) -> [SynthEvent] { events[kind.rawValue] }

  /// A few percent of values are missing, as in real extracts; more for adults.
  mutating func assignBlanks() {
    for person in people.indices {
      var random = stream(.blanks, person)
      var blanks: SynthPerson.Blanks = []
      let young = people[person].isYoung
      if random.chance(young ? 0.001 : 0.01) { blanks.insert(.birthDate) }
      if random.chance(young ? 0.003 : 0.005) { blanks.insert(.sex) }
      if random.chance(young ? 0.02 : 0.05) { blanks.insert(.ethnicity) }
      if random.chance(young ? 0.005 : 0.01) { blanks.insert(.ward) }
      if people[person].onRoll {
        if random.chance(0.03) { blanks.insert(.attendance) }
        if random.chance(0.01) { blanks.insert(.sen) }
        if random.chance(0.015) { blanks.insert(.fsm) }
        if random.chance(0.005) { blanks.insert(.yearGroup) }
      }
      people[person].blanks = blanks
    }
  }
}
