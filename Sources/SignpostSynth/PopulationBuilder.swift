/// Builds a ``SyntheticPopulation`` in stages: households and people, schools, special
/// educational needs, attendance, social care, school events, police and health events,
/// domestic abuse, peer groups and co-offending, then missing values.
struct PopulationBuilder {
  /// The independent random streams, one per stage.
  enum Stream: UInt64 {
    case household = 1
    case schools
    case person
    case freeSchoolMeals
    case sen
    case attendance
    case socialCare
    case schoolEvents
    case policeHealth
    case domesticAbuse
    case peers
    case coOffending
    case blanks
    case youthJustice
    case homeEducation
    case missingEducation
    case policeHealthEvents
    case peerGroups
    case schoolEventsAllocation
  }

  let configuration: SynthConfiguration
  let borough: Borough
  let timeline: SynthTimeline
  var people: [SynthPerson] = []
  var households: [SynthHousehold] = []
  var events: [[SynthEvent]] = Array(repeating: [], count: SynthEventKind.allCases.count)
  var links: [SynthLink] = []
  /// Compulsory-school-age children missing education on the as-of date (not on a roll).
  var missingEducationOpen: [Int] = []
  /// Children whose episode of missing education has closed (back on a roll).
  var missingEducationClosed: [Int] = []

  init(_ configuration: SynthConfiguration) {
    self.configuration = configuration
    borough = Borough(people: configuration.people)
    timeline = SynthTimeline(asOf: configuration.asOf)
  }

  /// A random stream for one stage and item.
  func stream(_ stream: Stream, _ index: Int) -> SynthRandom {
    SynthRandom(seed: configuration.seed, stream: stream.rawValue, index: UInt64(index))
  }

  mutating func build() {
    makeHouseholds()
    assignSchools()
    assignFreeSchoolMeals()
    assignSpecialNeeds()
    assignAttendance()
    assignSocialCare()
    makeSchoolEvents()
    makePoliceAndHealthEvents()
    makeDomesticAbuse()
    makePeerGroups()
    assignYouthJustice()
    assignBlanks()
    finish()
  }

  /// Ages of the young people, by whole year 0–25.
  func age(_ person: Int) -> Int { timeline.age(birth: people[person].birth) }

  /// Adds a event of a kind.
  mutating func add(_ kind: SynthEventKind, _ event: SynthEvent) {
    events[kind.rawValue].append(event)
  }

  /// Adds a link; symmetric relations are stored once with `from < to`.
  mutating func link(_ a: Int, _ b: Int, _ relation: SynthRelation) {
    guard a != b else { return }
    if relation.symmetric {
      links.append(SynthLink(from: Int32(min(a, b)), to: Int32(max(a, b)), relation: relation))
    } else {
      links.append(SynthLink(from: Int32(a), to: Int32(b), relation: relation))
    }
  }

  /// Sorts events and links, and removes repeated links (two joint incidents make one
  /// co-offender link).
  mutating func finish() {
    for kind in events.indices {
      events[kind].sort { a, b in
        if a.person != b.person { return a.person < b.person }
        if a.date != b.date { return a.date < b.date }
        if a.code != b.code { return a.code < b.code }
        if a.code2 != b.code2 { return a.code2 < b.code2 }
        if a.flag != b.flag { return a.flag < b.flag }
        return a.amount.bitPattern < b.amount.bitPattern
      }
    }
    links.sort()
    var unique: [SynthLink] = []
    unique.reserveCapacity(links.count)
    for link in links where unique.last != link { unique.append(link) }
    links = unique
  }
}
