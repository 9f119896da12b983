import Foundation
import SignpostEngine
import SignpostRules
import SignpostStore

/// Scores `files` as of `asOf` and stores the run, returning its id; unless `seen` is false,
/// the run is then marked complete, as when its outputs have been written.
public func storeRun(
  _ store: RunStore, pack: CompiledPack, folder: TemporaryFolder, name: String,
  files: [String: String], asOf: String, seen: Bool = true
) throws -> (id: Int64, run: ScoringRun) {
  let input = try folder.write(name, files)
  let run = try ScoringRun.run(pack: pack, inputDirectory: input, asOf: try date(asOf))
  let id = try store.startRun(user: "tester")
  try store.storeRun(id: id, run, user: "tester")
  if seen { try store.finishRun(id: id, as: .complete, user: "tester") }
  return (id, run)
}

/// Two days of extracts for the tiny pack, built so that the change list can be checked by
/// hand (the tiny pack: attendance <= 90 is 20 points, a suspect contact in the last 7 days
/// 30; high >= 50, medium >= 20, low below; PIED takes suspects aged 10-17 not open to a
/// service).
///
/// | person | day 1                  | day 2                          | change            |
/// |--------|------------------------|--------------------------------|-------------------|
/// | A      | absence: medium 20     | absence + suspect: high 50     | escalated; new PIED |
/// | B      | both: high 50 (PIED)   | attendance 95: medium 30 (PIED)| de-escalated      |
/// | C      | suspect: medium 30     | no contact: low 0              | no longer flagged |
/// | D      | attendance 97: low 0   | attendance 88: medium 20       | new to a band     |
/// | E      | absence: medium 20     | the same                       | none              |
/// | F      | absence: medium 20     | not in the extract             | no longer flagged |
/// | G      | not in the extract     | suspect, open: medium 30       | new to a band     |
public enum TwoDays {
  public static let day1: [String: String] = [
    "people.csv": """
    person_id,date_of_birth,attendance
    A,2010-06-01,85
    B,2010-06-01,80
    C,2010-06-01,97
    D,2010-06-01,97
    E,2010-06-01,89
    F,2010-06-01,70

    """,
    "police_contacts.csv": """
    person_id,date,role
    B,2025-03-30,suspect
    C,2025-03-30,suspect

    """,
    "social_care.csv": """
    person_id,open_to_service
    A,false
    B,false
    C,false

    """,
  ]

  public static let day2: [String: String] = [
    "people.csv": """
    person_id,date_of_birth,attendance
    A,2010-06-01,85
    B,2010-06-01,95
    C,2010-06-01,97
    D,2010-06-01,88
    E,2010-06-01,89
    G,2009-01-01,99

    """,
    "police_contacts.csv": """
    person_id,date,role
    A,2025-04-01,suspect
    B,2025-03-30,suspect
    G,2025-04-01,suspect

    """,
    "social_care.csv": """
    person_id,open_to_service
    A,false
    B,false
    C,false
    G,true

    """,
  ]
}
