import SignpostRules

/// Turns the synthetic population into field values: the Wigan schema's fields by name, and
/// plausible generic values (from a hash of the seed, field and row) for any other field, so
/// that another pack's schema still gets complete extracts.
struct ValueModel: Sendable {
  /// How a person column is filled.
  enum PersonAttribute: Sendable {
    case birthDate
    case sex([String])
    case ethnicity([String])
    case ward
    case school
    case yearGroup
    case sen([String])
    case fsm
    case attendance(asInt: Bool)
    case openToService
    case childInNeed
    case protectionPlan
    case lookedAfter
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

  /// How to fill a person field.
  func personAttribute(_ field: FieldDeclaration) -> PersonAttribute {
    let generic = PersonAttribute.generic(field, Self.hash(field.name))
    let type = field.type
    let numeric = type == .int || type == .double
    switch field.name {
    case birthDateField ?? "date_of_birth", "date_of_birth":
      return type == .date ? .birthDate : generic
    case "sex": return Self.fit(SynthVocabulary.sexes, to: type).map { .sex($0) } ?? generic
    case "ethnicity":
      return Self.fit(SynthVocabulary.ethnicities, to: type).map { .ethnicity($0) } ?? generic
    case "ward": return type == .string ? .ward : generic
    case "school": return type == .string ? .school : generic
    case "year_group": return numeric ? .yearGroup : generic
    case "sen": return Self.fit(SynthVocabulary.sen, to: type).map { .sen($0) } ?? generic
    case "fsm": return type == .bool ? .fsm : generic
    case "attendance": return numeric ? .attendance(asInt: type == .int) : generic
    case "open_to_service": return type == .bool ? .openToService : generic
    case "child_in_need": return type == .bool ? .childInNeed : generic
    case "child_protection_plan": return type == .bool ? .protectionPlan : generic
    case "looked_after": return type == .bool ? .lookedAfter : generic
    default: return generic
    }
  }

  /// How to fill a field of an event list of a known kind (or of an unknown one).
  func eventAttribute(_ field: FieldDeclaration, kind: SynthEventKind?) -> EventAttribute {
    let generic = EventAttribute.generic(field, Self.hash(field.name))
    let type = field.type
    let numeric = type == .int || type == .double
    switch (kind, field.name) {
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
    case .birthDate: return blanks.contains(.birthDate) ? .empty : .date(person.birth)
    case .sex(let values):
      return blanks.contains(.sex) ? .empty : .text(values[person.male ? 1 : 0])
    case .ethnicity(let values):
      return blanks.contains(.ethnicity) ? .empty : .text(values[Int(person.ethnicity)])
    case .ward:
      return blanks.contains(.ward)
        ? .empty : .text(population.borough.wards[Int(person.ward)].name)
    case .school: return pupil ? .text(population.borough.schools[Int(person.school)].name) : .empty
    case .yearGroup:
      return pupil && !blanks.contains(.yearGroup) ? .int(Int(person.yearGroup)) : .empty
    case .sen(let values):
      return pupil && !blanks.contains(.sen) ? .text(values[Int(person.sen.rawValue)]) : .empty
    case .fsm: return pupil && !blanks.contains(.fsm) ? .bool(person.fsm) : .empty
    case .attendance(let asInt):
      guard pupil, !blanks.contains(.attendance) else { return .empty }
      let value = Double(person.attendance)
      return asInt ? .int(Int(value.rounded())) : .double(value)
    case .openToService: return person.isYoung ? .bool(person.openToService) : .empty
    case .childInNeed: return person.isYoung ? .bool(person.childInNeed) : .empty
    case .protectionPlan: return person.isYoung ? .bool(person.protectionPlan) : .empty
    case .lookedAfter: return person.isYoung ? .bool(person.lookedAfter) : .empty
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
