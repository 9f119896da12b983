/// The values the model writes for the Wigan schema's enum fields, with how often each occurs.
/// The weights are modelling assumptions unless a comment says otherwise.
enum SynthVocabulary {
  /// 2021 Census top-level groups; young people in Wigan are mostly White (approximate
  /// shares; check against the Census for the borough).
  static let ethnicities = ["white", "mixed", "asian", "black", "other", "unknown"]
  static let ethnicityWeights = [0.905, 0.025, 0.035, 0.02, 0.005, 0.01]
  /// The index of `white` in ``ethnicities``, the reference group for rate ratios.
  static let white: UInt8 = 0

  static let sexes = ["female", "male"]
  static let sen = ["none", "sen_support", "ehcp"]

  /// Exclusion reasons, one per DfE school census reason code of the list in use from 2020/21
  /// (the record-model values of the Wigan schema, written as the codes PP, PA, VP, VA, BU,
  /// RA, LG, DS, SM, DA, OW, DM, TH, MT, PH, PD in the partner shape). The newest CBDS list's
  /// codes (BW, TB, SB, ... and PD's split into LD, CB, DB) are not generated: the year it
  /// takes effect is not confirmed (design/DOMAIN.md marks it recalled), and the as-of dates
  /// used are before it.
  static let exclusionReasons = [
    "physical_assault_pupil", "physical_assault_adult", "verbal_abuse_pupil",
    "verbal_abuse_adult", "bullying", "racist_abuse", "sexual_orientation_gender_identity_abuse",
    "disability_abuse", "sexual_misconduct", "drugs_alcohol", "offensive_weapon", "damage",
    "theft", "online_misuse", "public_health_transgression", "persistent_disruption",
  ]
  /// How often each reason is given for a suspension: approximately the national shares of
  /// DfE, Suspensions and permanent exclusions in England 2022/23, by reason (recalled, not
  /// checked - persistent disruptive behaviour is the most common reason, then assault
  /// against a pupil and verbal abuse or threats against an adult; check the reason table).
  static let suspensionReasonWeights = [
    0.15, 0.04, 0.06, 0.13, 0.012, 0.01, 0.005, 0.002, 0.012, 0.035, 0.02, 0.02, 0.006, 0.015,
    0.001, 0.482,
  ]
  /// The same for permanent exclusions (recalled, not checked: persistent disruptive behaviour
  /// first, then assault, drugs and alcohol, and offensive weapons).
  static let permanentExclusionReasonWeights = [
    0.15, 0.09, 0.03, 0.08, 0.01, 0.005, 0.003, 0.002, 0.02, 0.11, 0.08, 0.02, 0.01, 0.01, 0,
    0.38,
  ]
  /// Suspension lengths in school days, and how often each occurs (most are short).
  static let suspensionDays: [Float] = [0.5, 1, 1.5, 2, 3, 5, 10, 15, 20]
  static let suspensionDayWeights = [0.1, 0.4, 0.03, 0.2, 0.12, 0.1, 0.03, 0.015, 0.005]

  static let roles = ["suspect", "victim", "witness", "other"]
  /// Home Office offence subgroups of police recorded crime (the Wigan schema's values),
  /// with anti-social behaviour (an incident type) and `other` (not recorded crime).
  static let offences = [
    "violence_with_injury", "violence_without_injury", "robbery_personal_property",
    "weapon_possession", "stalking_harassment", "rape", "other_sexual_offences",
    "robbery_business_property", "burglary_residential", "burglary_non_residential",
    "vehicle_offences", "theft_from_person", "bicycle_theft", "shoplifting", "other_theft",
    "criminal_damage_arson", "drug_trafficking", "drug_possession", "public_order",
    "miscellaneous_against_society", "homicide", "antisocial_behaviour", "other",
  ]
  // Shares by role (modelling assumptions, shaped like police recorded crime for young
  // people: violence, theft and criminal damage most common, rape and homicide rare).
  static let suspectOffenceWeights = [
    0.12, 0.2, 0.04, 0.05, 0.03, 0.004, 0.015, 0.005, 0.02, 0.015, 0.03, 0.01, 0.01, 0.08, 0.06,
    0.1, 0.02, 0.1, 0.06, 0.01, 0.0005, 0.08, 0.03,
  ]
  static let victimOffenceWeights = [
    0.16, 0.28, 0.06, 0, 0.08, 0.01, 0.05, 0, 0.03, 0, 0.02, 0.04, 0.04, 0, 0.1, 0.05, 0, 0, 0.02,
    0, 0, 0.05, 0.02,
  ]
  static let witnessOffenceWeights = [
    0.1, 0.2, 0.05, 0.02, 0.02, 0, 0, 0, 0.02, 0.01, 0.02, 0, 0, 0.05, 0.05, 0.1, 0.01, 0.02,
    0.05, 0, 0, 0.23, 0.05,
  ]
  static let otherOffenceWeights = [
    0, 0.05, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0.05, 0.05, 0, 0.1, 0.1, 0, 0, 0.35, 0.3,
  ]

  /// The offence index of weapon possession, which always involves a weapon.
  static let weaponPossession: UInt8 = 3
  /// Offences after which a victim may attend A&E (violence with injury, robbery of personal
  /// property).
  static let injuringOffences: Set<UInt8> = [0, 2]
}
