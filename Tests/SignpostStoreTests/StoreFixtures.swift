import Foundation
import SignpostEngine
import SignpostRules
import Testing

/// The shared fixtures folder, `Tests/Fixtures`.
let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
  .deletingLastPathComponent().appendingPathComponent("Fixtures")

/// The tiny fixture pack's folder.
let tinyPackPath = fixtures.appendingPathComponent("packs/tiny").path

/// The tiny fixture pack, compiled.
func tinyPack() throws -> CompiledPack {
  try PackCompiler.compile(directory: tinyPackPath).get()
}

/// A temporary folder, removed by `remove()`.
struct TemporaryFolder {
  let url: URL

  init(_ prefix: String = "signpost-store") throws {
    url = FileManager.default.temporaryDirectory
      .appendingPathComponent("\(prefix)-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  }

  var path: String { url.path }

  /// Writes files into `name` (created), returning its path.
  @discardableResult
  func write(_ name: String, _ files: [String: String]) throws -> String {
    let folder = url.appendingPathComponent(name)
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    for (file, text) in files {
      try Data(text.utf8).write(to: folder.appendingPathComponent(file))
    }
    return folder.path
  }

  func remove() { try? FileManager.default.removeItem(at: url) }
}

func date(_ text: String) throws -> PackDate {
  try #require(PackDate(iso: text))
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
enum TwoDays {
  static let day1: [String: String] = [
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

  static let day2: [String: String] = [
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
