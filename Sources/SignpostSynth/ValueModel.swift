import SignpostRules

/// Turns the synthetic population into field values: each field by the meaning the schema gives
/// it (``FieldMeaning``: `means:`, or a name that is a word of the vocabulary), and plausible
/// generic values (from a hash of the seed, field and row) for a field with no meaning, so
/// that any pack's schema gets complete extracts.
struct ValueModel: Sendable {
  /// How a person column is filled.
  enum PersonAttribute: Sendable {
    /// The date of birth; `blankable` in the register, which misses a few (a school census
    /// always has it).
    case birthDate(blankable: Bool)
    case sex([String], blankable: Bool)
    case ethnicity([String])
    case ward
    case school
    case schoolURN
    case yearGroup
    case sen([String])
    case fsm
    case attendance(asInt: Bool)
    case openToService
    case childInNeed
    case protectionPlan
    case lookedAfter
    /// Already engaged with West London Zone (the council's service directory).
    case engagedWestLondonZone
    case generic(FieldDeclaration, UInt64)
  }

  /// How an event column is filled.
  enum EventAttribute: Sendable {
    /// The event's code (reason, role), through this vocabulary.
    case code([String])
    /// The event's second code (offence).
    case code2([String])
    case flag
    case amount(asInt: Bool)
    case generic(FieldDeclaration, UInt64)
  }

  let population: SyntheticPopulation
  let birthDateField: String?

  init(_ population: SyntheticPopulation, schema: Schema) {
    self.population = population
    birthDateField = schema.birthDateField
  }

  // MARK: Resolving columns

  /// The model's values for an enum-like field, fitted to the declared type: unchanged for a
  /// string or an enum that has them, otherwise mapped onto the declared values.
  static func fit(_ values: [String], to type: FieldType) -> [String]? {
    switch type {
    case .string: return values
    case .enumeration(let declared):
      guard !declared.isEmpty else { return nil }
      return values.enumerated().map { index, value in
        declared.contains(value) ? value : declared[index % declared.count]
      }
    default: return nil
    }
  }

  /// How to fill a person field; `register` for the register, the only table that misses a
  /// few dates of birth and sexes.
  func personAttribute(_ field: FieldDeclaration, register: Bool = true) -> PersonAttribute {
    let generic = PersonAttribute.generic(field, Self.hash(field.name))
    let type = field.type
    let numeric = type == .int || type == .double
    if field.name == birthDateField || field.meaning == "date_of_birth" {
      return type == .date ? .birthDate(blankable: register) : generic
    }
    switch field.meaning {
    case "sex":
      return Self.fit(SynthVocabulary.sexes, to: type).map { .sex($0, blankable: register) }
        ?? generic
    case "ethnicity":
      return Self.fit(SynthVocabulary.ethnicities, to: type).map { .ethnicity($0) } ?? generic
    case "ward": return type == .string ? .ward : generic
    case "school": return type == .string ? .school : generic
    case "school_urn": return type == .string ? .schoolURN : generic
    case "year_group": return numeric ? .yearGroup : generic
    case "sen": return Self.fit(SynthVocabulary.sen, to: type).map { .sen($0) } ?? generic
    case "fsm": return type == .bool ? .fsm : generic
    case "attendance": return numeric ? .attendance(asInt: type == .int) : generic
    case "open_to_service": return type == .bool ? .openToService : generic
    case "child_in_need": return type == .bool ? .childInNeed : generic
    case "child_protection_plan": return type == .bool ? .protectionPlan : generic
    case "looked_after": return type == .bool ? .lookedAfter : generic
    case "engaged_west_london_zone": return type == .bool ? .engagedWestLondonZone : generic
    default: return generic
    }
  }

  /// How to fill a field of an event list of a known kind (or of an unknown one).
  func eventAttribute(_ field: FieldDeclaration, kind: SynthEventKind?) -> EventAttribute {
    let generic = EventAttribute.generic(field, Self.hash(field.name))
    let type = field.type
    let numeric = type == .int || type == .double
    switch (kind, field.meaning) {
    case (.suspension, "reason"), (.permanentExclusion, "reason"):
      return Self.fit(SynthVocabulary.exclusionReasons, to: type).map { .code($0) } ?? generic
    case (.suspension, "days"), (.missingEpisode, "hours"):
      return numeric ? .amount(asInt: type == .int) : generic
    case (.missingEducation, "open"), (.policeContact, "weapon"), (.domesticAbuse, "child_present"),
      (.assaultAttendance, "sharp_object"):
      return type == .bool ? .flag : generic
    case (.policeContact, "role"):
      return Self.fit(SynthVocabulary.roles, to: type).map { .code($0) } ?? generic
    case (.policeContact, "offence"):
      return Self.fit(SynthVocabulary.offences, to: type).map { .code2($0) } ?? generic
    default: return generic
    }
  }

  // MARK: Values

  /// The value of a person field.
  func value(_ attribute: PersonAttribute, person index: Int) -> Cell {
    let person = population.people[index]
    let blanks = person.blanks
    let pupil = person.onRoll
    switch attribute {
    case .birthDate(let blankable):
      return blankable && blanks.contains(.birthDate) ? .empty : .date(person.birth)
    case .sex(let values, let blankable):
      return blankable && blanks.contains(.sex) ? .empty : .text(values[person.male ? 1 : 0])
    case .ethnicity(let values):
      return blanks.contains(.ethnicity) ? .empty : .text(values[Int(person.ethnicity)])
    case .ward:
      return blanks.contains(.ward)
        ? .empty : .text(population.borough.wards[Int(person.ward)].name)
    case .school: return pupil ? .text(population.borough.schools[Int(person.school)].name) : .empty
    case .schoolURN:
      return pupil ? .text(population.borough.schools[Int(person.school)].urn) : .empty
    case .yearGroup:
      return pupil && !blanks.contains(.yearGroup) ? .int(Int(person.yearGroup)) : .empty
    case .sen(let values):
      return pupil && !blanks.contains(.sen) ? .text(values[Int(person.sen.rawValue)]) : .empty
    case .fsm: return pupil && !blanks.contains(.fsm) ? .bool(person.fsm) : .empty
    case .attendance(let asInt):
      guard pupil, !blanks.contains(.attendance) else { return .empty }
      let value = person.attendance
      return asInt ? .int(Int(value.rounded())) : .precise(value)
    case .openToService: return person.isYoung ? .bool(person.openToService) : .empty
    case .childInNeed: return person.isYoung ? .bool(person.childInNeed) : .empty
    case .protectionPlan: return person.isYoung ? .bool(person.protectionPlan) : .empty
    case .lookedAfter: return person.isYoung ? .bool(person.lookedAfter) : .empty
    case .engagedWestLondonZone:
      return person.isYoung ? .bool(engagedWestLondonZone(person: index)) : .empty
    case .generic(let field, let hash): return generic(field, hash: hash, row: UInt64(index))
    }
  }

  /// The value of an event field; `row` identifies the event for generic values.
  func value(_ attribute: EventAttribute, event: SynthEvent, row: Int) -> Cell {
    switch attribute {
    case .code(let values):
      return event.code == SynthEvent.blankCode ? .empty : .text(values[Int(event.code)])
    case .code2(let values):
      return event.code2 == SynthEvent.blankCode ? .empty : .text(values[Int(event.code2)])
    case .flag: return event.flag == SynthEvent.blankFlag ? .empty : .bool(event.flag == 1)
    case .amount(let asInt):
      guard !event.amount.isNaN else { return .empty }
      return asInt ? .int(Int(Double(event.amount).rounded())) : .double(Double(event.amount))
    case .generic(let field, let hash): return generic(field, hash: hash, row: UInt64(row))
    }
  }

  /// A value of a termly attendance return: the pupil's sessions possible in the term and
  /// the sessions they missed (split across terms in proportion to the sessions possible, and
  /// between authorised and unauthorised absence by a share of their own).
  func value(_ input: TableLayout.TermInput, person index: Int, term: Int, row: Int) -> Cell {
    let terms = population.timeline.attendanceTerms
    let possible = population.timeline.sessionsPossible
    let missed = Int(population.people[index].sessionsMissed)
    func missedBefore(_ end: Int) -> Int {
      let sessions = terms[..<end].reduce(0) { $0 + $1.sessionsPossible }
      return possible == 0 ? 0 : missed * sessions / possible
    }
    let termMissed = missedBefore(term + 1) - missedBefore(term)
    var random = SynthRandom(
      seed: population.configuration.seed, stream: Self.hash("attendance.authorised"),
      index: UInt64(index))
    let authorised = Int((Double(termMissed) * (0.55 + 0.3 * random.uniform())).rounded())
    switch input {
    case .term: return .text(terms[term].name)
    case .possible: return .int(terms[term].sessionsPossible)
    case .missed: return .int(termMissed)
    case .authorised: return .int(authorised)
    case .unauthorised: return .int(termMissed - authorised)
    case .generic(let field, let hash): return generic(field, hash: hash, row: UInt64(row))
    }
  }

  /// Whether a young person is already engaged with West London Zone (a modelling
  /// assumption): 6% of pupils in years 1 to 11 at the schools the Wigan pack's programme
  /// lists - the first two primaries and the first secondary of each of the six most deprived
  /// wards (deprivation 0.6 or more).
  func engagedWestLondonZone(person index: Int) -> Bool {
    let person = population.people[index]
    guard person.onRoll, (1...11).contains(Int(person.yearGroup)) else { return false }
    let school = population.borough.schools[Int(person.school)]
    let listed =
      switch school.phase {
      case .primary: school.round <= 1
      case .secondary: school.round == 0
      case .referralUnit: false
      }
    guard listed, population.borough.wards[school.ward].deprivation >= 0.6 else { return false }
    var random = SynthRandom(
      seed: population.configuration.seed, stream: Self.hash("engaged_west_london_zone"),
      index: UInt64(index))
    return random.chance(0.06)
  }

  /// The minute of the day an event happened, for sources that write date-times: mostly
  /// afternoons and evenings.
  func minuteOfDay(_ event: SynthEvent, list: String) -> Int16 {
    var random = SynthRandom(
      seed: population.configuration.seed, stream: Self.hash("time." + list),
      index: UInt64(UInt32(bitPattern: event.person)) << 32
        | UInt64(UInt32(bitPattern: event.date)))
    let hours = [0, 0, 0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 6, 6, 6, 6, 5, 5, 4, 2, 1]
    var pick = random.int(below: hours.reduce(0, +))
    var hour = 0
    while pick >= hours[hour] {
      pick -= hours[hour]
      hour += 1
    }
    return Int16(hour * 60 + random.int(below: 60))
  }

  /// A plausible value for a field the model does not know: 3% missing, booleans mostly false,
  /// small counts, percentages, dates in the event window, any declared enum value.
  func generic(_ field: FieldDeclaration, hash: UInt64, row: UInt64) -> Cell {
    var random = SynthRandom(seed: population.configuration.seed, stream: hash, index: row)
    if random.chance(0.03) { return .empty }
    switch field.type {
    case .bool: return .bool(random.chance(0.1))
    case .int: return .int(random.int(in: 0...10))
    case .double: return .double(Double(random.int(in: 0...1000)) / 10)
    case .string: return .text("\(field.name)_\(random.int(in: 1...20))")
    case .date: return .date(population.timeline.eventDay(&random))
    case .enumeration(let values):
      return values.isEmpty ? .empty : .text(values[random.int(below: values.count)])
    }
  }

  /// A stable 64-bit hash of a name (FNV-1a), unlike `hashValue`, which changes per run.
  static func hash(_ name: String) -> UInt64 {
    var hash: UInt64 = 0xCBF2_9CE4_8422_2325
    for byte in name.utf8 {
      hash ^= UInt64(byte)
      hash = hash &* 0x0100_0000_01B3
    }
    return hash
  }
}
