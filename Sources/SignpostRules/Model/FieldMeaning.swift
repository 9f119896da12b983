/// What a schema field or event list means, in a small vocabulary that tools outside the rules
/// share (the synthetic-data generator fills a field by its meaning): `means:` in
/// `schema.yaml`, or else the field's own name when that is a word of the vocabulary. The
/// rules themselves never read it: expressions use field names. docs/rule-pack.md lists the
/// words.
public enum FieldMeaning {
  /// Meanings of person fields.
  public static let personFields = [
    "date_of_birth", "sex", "ethnicity", "ward", "school", "school_urn", "year_group", "sen",
    "fsm", "attendance", "open_to_service", "child_in_need", "child_protection_plan",
    "looked_after", "engaged_west_london_zone",
  ]

  /// Meanings of event lists.
  public static let eventLists = [
    "suspensions", "permanent_exclusions", "cme_episodes", "police_contacts",
    "missing_episodes", "domestic_abuse", "ae_assault_attendances", "mental_health_referrals",
  ]

  /// Meanings of event fields, read within the meaning of their list.
  public static let eventFields = [
    "reason", "days", "hours", "open", "weapon", "child_present", "sharp_object", "role",
    "offence",
  ]
}
