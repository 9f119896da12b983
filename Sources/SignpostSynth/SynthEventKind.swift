/// The kinds of event the value model knows, by the Wigan schema's event list names.
/// An event list of another name gets generic events.
enum SynthEventKind: Int, CaseIterable, Sendable {
  case suspension
  case permanentExclusion
  case missingEducation
  case policeContact
  case missingEpisode
  case domesticAbuse
  case assaultAttendance
  case mentalHealthReferral

  /// The kind an event list of this name holds, if the model knows it.
  init?(listName: String) {
    switch listName {
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
