import SignpostRules

/// A synthetic borough: young people aged 0–25 and the adults in their households, with
/// schools, social care, events and links, generated from a seed.
///
/// Build one with ``init(_:)``, write it with ``ExtractWriter``, and measure it with
/// ``statistics``. Generation draws from independent streams per household and person, so
/// the same configuration always gives the same population.
public struct SyntheticPopulation: Sendable {
  /// What the population was generated from.
  public let configuration: SynthConfiguration
  let borough: Borough
  let timeline: SynthTimeline
  /// Everyone, in id order: person `i` has the id `P` and `i + 1`, zero-padded.
  let people: [SynthPerson]
  let households: [SynthHousehold]
  /// Events by ``SynthEventKind`` raw value, sorted by person, then date.
  let events: [[SynthEvent]]
  /// Links sorted by `from`, relation, `to`; symmetric ones once per pair.
  let links: [SynthLink]

  /// Generates the population a configuration describes.
  public init(_ configuration: SynthConfiguration) {
    var builder = PopulationBuilder(configuration)
    builder.build()
    self.configuration = configuration
    borough = builder.borough
    timeline = builder.timeline
    people = builder.people
    households = builder.households
    events = builder.events
    links = builder.links
  }

  /// Everyone in the register: young people and adults.
  public var personCount: Int { people.count }

  /// The young people aged 0–25 (``SynthConfiguration/people``).
  public var youngPeopleCount: Int { configuration.people }

  /// The number of households.
  public var householdCount: Int { households.count }

  /// The number of digits in a person id after its `P`.
  var idDigits: Int { max(7, String(people.count + 10 * configuration.badRows + 10).count) }

  /// The events of one kind.
  func events(_ kind: SynthEventKind) -> [SynthEvent] { events[kind.rawValue] }

  /// The calibration figures of this population (attendance only where it is written).
  public var statistics: SynthStatistics { SynthStatistics(self) }
}
