/// The kinds of event the value model knows, by the meaning of an event list (``FieldMeaning``).
/// An event list with no meaning gets generic events.
enum SynthEventKind: Int, CaseIterable, Sendable {
  case suspension
  case permanentExclusion
  case missingEducation
  case policeContact
  case missingEpisode
  case domesticAbuse
  case assaultAttendance
  case mentalHealthReferral

  /// The kind an event list of this meaning holds.
  init?(meaning: String?) {
    switch meaning {
    case "suspensions": self = .suspension
    case "permanent_exclusions": self = .permanentExclusion
    case "cme_episodes": self = .missingEducation
    case "police_contacts": self = .policeContact
    case "missing_episodes": self = .missingEpisode
    case "domestic_abuse": self = .domesticAbuse
    case "ae_assault_attendances": self = .assaultAttendance
    case "mental_health_referrals": self = .mentalHealthReferral
    default: return nil
    }
  }
}
