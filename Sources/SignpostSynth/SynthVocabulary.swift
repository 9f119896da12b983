/// The values the model writes for the Wigan schema's enum fields, with how often each occurs.
/// The weights are modelling assumptions unless a comment says otherwise.
enum SynthVocabulary {
  /// 2021 Census top-level groups; young people in Wigan are mostly White (approximate
  /// shares; check against the Census for the borough).
  static let ethnicities = ["white", "mixed", "asian", "black", "other", "unknown"]
  static let ethnicityWeights = [0.905, 0.025, 0.035, 0.02, 0.005, 0.01]

  static let sexes = ["female", "male"]
  static let sen = ["none", "sen_support", "ehcp"]

  /// Exclusion reasons, grouped from the DfE codes; persistent disruptive behaviour is the
  /// most common reason for suspensions in the DfE statistics.
  static let exclusionReasons = [
    "physical_assault_pupil", "physical_assault_adult", "verbal_abuse", "bullying",
    "racist_abuse", "sexual_misconduct", "drugs_alcohol", "weapon", "damage", "theft",
    "persistent_disruption", "other",
  ]
  static let suspensionReasonWeights = [
    0.15, 0.04, 0.12, 0.02, 0.02, 0.01, 0.04, 0.02, 0.03, 0.01, 0.45, 0.09,
  ]
  static let permanentExclusionReasonWeights = [
    0.2, 0.1, 0.07, 0.02, 0.01, 0.02, 0.1, 0.08, 0.02, 0.01, 0.32, 0.05,
  ]
  /// Suspension lengths in school days, and how often each occurs (most are short).
  static let suspensionDays: [Float] = [0.5, 1, 1.5, 2, 3, 5, 10, 15, 20]
  static let suspensionDayWeights = [0.1, 0.4, 0.03, 0.2, 0.12, 0.1, 0.03, 0.015, 0.005]

  static let roles = ["suspect", "victim", "witness", "other"]
  static let offences = [
    "violence_with_injury", "violence_without_injury", "robbery", "weapon_possession",
    "sexual_offence", "drugs", "criminal_damage", "theft", "antisocial_behaviour", "other",
  ]
  static let suspectOffenceWeights = [0.12, 0.22, 0.05, 0.05, 0.02, 0.12, 0.1, 0.15, 0.12, 0.05]
  static let victimOffenceWeights = [0.18, 0.3, 0.06, 0, 0.06, 0, 0.05, 0.2, 0.05, 0.1]
  static let witnessOffenceWeights = [0.1, 0.2, 0.05, 0.02, 0, 0.03, 0.1, 0.1, 0.3, 0.1]
  static let otherOffenceWeights = [0, 0.05, 0, 0, 0, 0.1, 0.05, 0.05, 0.35, 0.4]

  /// The offence index of weapon possession, which always involves a weapon.
  static let weaponPossession: UInt8 = 3
  /// Offences after which a victim may attend A&E (violence with injury, robbery).
  static let injuringOffences: Set<UInt8> = [0, 2]
}
