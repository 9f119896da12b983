import Foundation
import PropertyBased
import SignpostEngine
import SignpostRules
import SignpostTestSupport
import Testing

/// Rule expressions over the tiny pack's schema that reach past the fast engine's specialised
/// nodes: `has()` on event and linked-person fields, string functions, lists of lists, maps,
/// type names, errors and unknowns. Each becomes an indicator; both engines must agree.
let ruleExpressions = [
  "person.police_contacts.exists(c, has(c.role) && c.role == 'suspect')",
  "person.police_contacts.exists(c, c.role.startsWith('sus'))",
  "person.police_contacts.map(c, c.role).exists(r, r == 'victim')",
  "size(person.police_contacts.map(c, c.role)) >= 1",
  "person.police_contacts.all(c, c.role != 'witness')",
  "person.police_contacts.exists_one(c, c.role == 'victim')",
  "person.police_contacts.filter(c, c.role == 'suspect').size() == 1",
  "person.police_contacts.exists(c, c.role in ['suspect', 'victim'])",
  "person.police_contacts.exists(c, c.date > person.date_of_birth)",
  "person.police_contacts.exists(c, person.police_contacts.exists(d, d.role == c.role && d.date != c.date))",
  "max(person.police_contacts.map(c, c.date)) > timestamp('2025-03-29T00:00:00Z')",
  "sum(person.police_contacts.map(c, 1)) > 1",
  "1 / (size(person.police_contacts) - size(person.police_contacts)) == 0",
  "person.attendance > 95.0 || has(person.open_to_service)",
  "person.attendance in [85.5, 97.0]",
  "person.attendance / 0.0 > 1.0",
  "type(person.attendance) == double",
  "string(age) == '14' || age >= 15",
  "years_between(person.date_of_birth, as_of) > 13",
  "within(person.date_of_birth, days(365 * 15))",
  "duration('24h') == days(1) && person.id.size() == 2",
  "{'P1': 1, 'P2': 2}[person.id] == 1",
  "links.sibling.exists(s, has(s.attendance) && s.attendance < 90.0)",
  "links.sibling.exists(s, s.relation == 'sibling' && s.police_contacts.exists(c, c.role == 'suspect'))",
  "links.peer.map(p, p.id).exists(i, i.startsWith('P'))",
  "size(links.sibling) + size(links.peer) > 0",
  "indicators.persistent_absence || indicators.recent_suspect_contact",
  "[[1, 2], [3]].exists(l, l.exists(x, x == size(person.police_contacts)))",
  // A comprehension variable that shadows a declared one: the checker's resolution decides.
  "person.police_contacts.exists(person, person.role == 'suspect')",
  "links.sibling.exists(age, has(age.attendance)) || age > 12",
  // Lists, fields and something else of the person: decided for empty inputs or not.
  "!person.open_to_service && size(person.police_contacts) == 0",
  "has(person.attendance) || person.police_contacts.exists(c, c.role == 'victim')",
  "person.police_contacts.all(c, c.role == 'suspect') && person.attendance > 90.0",
  "size(person.police_contacts) == 0 && age > 14",
  "links.sibling.all(s, s.indicators.persistent_absence) && indicators.persistent_absence",
  "!person.police_contacts.exists(c, c.date > person.date_of_birth)",
  // An indicator of the person, decided by its own inputs, with lists and fields.
  "indicators.recent_suspect_contact && !has(person.attendance)",
  "size(person.police_contacts) == 0 || indicators.persistent_absence",
  // Two indicators' outcomes of one row joined by `&&` or `||` (one fused instruction).
  "links.sibling.exists(s, s.indicators.persistent_absence || s.indicators.recent_suspect_contact)",
  "size(links.peer.filter(p, p.indicators.recent_suspect_contact && p.indicators.persistent_absence)) >= 1",
  "indicators.persistent_absence && indicators.recent_suspect_contact",
  // Linked persons counted by one or two of their indicators (one fused instruction).
  "size(links.sibling.filter(s, s.indicators.recent_suspect_contact)) + size(links.peer.filter(p, p.indicators.persistent_absence || p.indicators.recent_suspect_contact)) >= 1",
  "size(links.peer.filter(p, p.indicators.persistent_absence && p.indicators.recent_suspect_contact)) == 0",
  // A field read and compared with a literal (one fused instruction), of the person and of
  // a linked person.
  "person.attendance <= 80.0 && person.attendance != 75.0",
  "links.sibling.exists(s, s.attendance >= 90.0) || person.attendance < 70.0",
  // A literal window (a literal duration) and a computed one.
  "size(person.police_contacts.filter(c, within(c.date, days(10)))) >= 1 || within(person.date_of_birth, weeks(800))",
]

/// CEL table cases (those of SignpostCELTests' `evaluates` and `fails`), each as a
/// comparison that is true, or an error, on the reference evaluator.
let celTableCases = [
  "1 + 2 * 3 == 7", "7 / 2 == 3", "-7 % 3 == -1", "2u + 3u == 5u", "1.5 + 2.0 == 3.5",
  "'ab' + 'cd' == 'abcd'", "[1, 2] + [3] == [1, 2, 3]", "size('héllo') == 5",
  "'hello'.startsWith('he') && 'hello'.endsWith('lo')", "'hello'.contains('ell')",
  "'abc123'.matches('[a-z]+[0-9]+')", "{'a': 1, 'b': 2}['b'] == 2", "2 in [1, 2, 3]",
  "'a' in {'a': 1}", "[1, 2, 3].all(x, x > 0)", "[1, 2, 3].exists(x, x > 2)",
  "![1, 2, 3].exists_one(x, x > 1)", "[1, 2, 3].map(x, x * 2) == [2, 4, 6]",
  "[1, 2, 3].map(x, x > 1, x * 10) == [20, 30]", "[1, 2, 3].filter(x, x % 2 == 1) == [1, 3]",
  "(true ? 1 : 2) == 1", "int('42') + int(3.9) == 45", "double(1) / 4.0 == 0.25",
  "string(12) + string(true) == '12true'", "type(1) == int",
  "timestamp('2025-03-28T00:00:00Z') - duration('24h') == timestamp('2025-03-27T00:00:00Z')",
  "timestamp('2025-03-28T10:20:30Z').getFullYear() == 2025",
  "timestamp('2025-03-28T10:20:30Z').getMonth() == 2",
  "timestamp('2025-03-28T10:20:30Z').getDayOfWeek() == 5",
  "duration('1h30m').getMinutes() == 90", "-9223372036854775808 < 0",
  "9223372036854775807 + 1 > 0", "1 / 0 == 0", "1 % 0 == 0", "[1][3] == 0",
  "{'a': 1}['b'] == 1", "-9223372036854775807 - 2 < 0",
]

/// The tiny pack with one more indicator per expression (`x0`, `x1`, …, `points` each), and
/// `edit` applied to its scoring.yaml.
func expressionPack(
  _ expressions: [String], points: Int = 1,
  scoring edit: @escaping @Sendable (String) -> String = { $0 }
) throws -> CompiledPack {
  // The council register also supplies the links, so that network expressions have data.
  let fixture = try PackFixture(edits: [
    "schema.yaml": replacing(
      "      - { kind: person, path: people.csv }\n",
      with: "      - { kind: person, path: people.csv }\n      - { kind: links, path: links.csv }\n"
    ),
    "scoring.yaml": edit,
  ])
  defer { fixture.remove() }
  try FileManager.default.removeItem(at: fixture.directory.appendingPathComponent("tests"))
  var yaml = "indicators:\n"
  for (n, expression) in expressions.enumerated() {
    yaml += """
        - id: x\(n)
          domain: education
          description: expression \(n)
          points: \(points)
          when: |-
            \(expression)

      """
  }
  try fixture.write(["indicators/expressions.yaml": yaml])
  return try fixture.compile().get()
}

/// Scores a folder with both engines: where they differ, and the production run.
func disagreements(_ pack: CompiledPack, _ folder: String) throws -> (
  [String], ScoringRun
) {
  let fast = try ScoringRun.run(pack: pack, inputDirectory: folder, asOf: asOf, engine: .fast)
  let reference = try ScoringRun.run(
    pack: pack, inputDirectory: folder, asOf: asOf, engine: .reference)
  var lines = fast.table.differences(from: reference.table, ids: fast.read.population.ids)
  if fast.referrals != reference.referrals { lines.append("referrals differ") }
  return (lines, fast)
}

/// The tiny extract's files named, plus links between its people.
func tinyExtract(_ names: [String]) throws -> TemporaryFolder {
  var files = [
    "links.csv": "person_id,linked_person_id,relation\nP1,P2,sibling\nP2,P7,peer\nP7,P9,sibling\n"
  ]
  for name in names {
    files[name] = try String(
      contentsOf: fixtures.appendingPathComponent("extracts/tiny/\(name)"), encoding: .utf8)
  }
  return try TemporaryFolder(files: files)
}

@Test func ruleExpressionsAgreeOnTheTinyExtract() throws {
  let pack = try expressionPack(ruleExpressions)
  let folder = try tinyExtract(["people.csv", "police_contacts.csv", "social_care.csv"])
  defer { folder.remove() }
  let (lines, run) = try disagreements(pack, folder.path)
  #expect(lines.isEmpty, "\(lines)")
  #expect(run.engine == .fast)
  // The cases do reach every outcome, so that agreement means something.
  let outcomes = Set(run.table.outcomes)
  #expect(outcomes == [0, 1, 2, 3])
}

@Test func celTableCasesAgree() throws {
  let pack = try expressionPack(celTableCases)
  let (lines, run) = try disagreements(pack, fixtures.appendingPathComponent("extracts/tiny").path)
  #expect(lines.isEmpty, "\(lines)")
  let extra = pack.indicators.indices.filter { pack.indicators[$0].indicator.id.hasPrefix("x") }
  let failing = extra.filter { run.table.outcome(0, $0) == .failed }.count
  #expect(failing == 6)
  #expect(extra.allSatisfy { [.fired, .failed].contains(run.table.outcome(0, $0)) })
}

/// `has(e.role) && e.role == 'suspect'` and an event list whose source was not supplied
/// once sent whole runs to the reference evaluator.
@Test func anUnsuppliedEventSourceStaysOnTheFastEngine() throws {
  let pack = try expressionPack(ruleExpressions)
  let folder = try tinyExtract(["people.csv", "social_care.csv"])
  defer { folder.remove() }
  let (lines, run) = try disagreements(pack, folder.path)
  #expect(lines.isEmpty, "\(lines)")
  #expect(run.engine == .fast)
  #expect(run.table.outcomes.contains(ScoreTable.Outcome.notEvaluated.rawValue))
}

/// Every pack test case in `rules/` and the test fixtures: `signpost test` scores each on the
/// production engine and reports any disagreement with the reference evaluator.
@Test(arguments: ["rules/wigan", "Tests/Fixtures/packs/tiny"])
func packTestCasesAgree(_ folder: String) throws {
  let pack = try PackCompiler.compile(directory: repositoryRoot.appendingPathComponent(folder).path)
    .get()
  let report = PackTestRunner.run(pack)
  #expect(!report.cases.isEmpty)
  let disagreeing = report.cases.flatMap(\.differences).filter { $0.contains("engines disagree") }
  #expect(disagreeing.isEmpty, "\(disagreeing)")
}

/// One generated person: attendance, birth year, service flag and police contacts, any of
/// them missing, and a sibling link to the next person.
private struct GeneratedPerson: Sendable, CustomStringConvertible {
  var attendance: Int?
  var birthYear: Int?
  var open: Bool?
  var contacts: [(day: Int, role: Int)]
  var sibling: Bool

  var description: String {
    "\(attendance as Any) \(birthYear as Any) \(open as Any) \(contacts) \(sibling)"
  }
}

private let generatedPerson = zip(
  Gen.int(in: 60...100).optional(valueRate: 0.8), Gen.int(in: 2005...2016).optional(),
  Gen.bool.optional(), zip(Gen.int(in: 0...40), Gen.int(in: 0...3)).array(of: 0...4),
  Gen.bool
).map { GeneratedPerson(attendance: $0, birthYear: $1, open: $2, contacts: $3, sibling: $4) }

/// The extract files of a generated population (role 3 is an empty role).
private func extract(_ people: [GeneratedPerson]) -> [String: String] {
  let roles = ["suspect", "victim", "witness", ""]
  var persons = "person_id,date_of_birth,attendance\n"
  var contacts = "person_id,date,role\n"
  var care = "person_id,open_to_service\n"
  var links = "person_id,linked_person_id,relation\n"
  for (n, person) in people.enumerated() {
    let id = "G\(n)"
    let birth = person.birthYear.map { "\($0)-05-17" } ?? ""
    persons += "\(id),\(birth),\(person.attendance.map(String.init) ?? "")\n"
    care += "\(id),\(person.open.map { $0 ? "true" : "false" } ?? "")\n"
    for contact in person.contacts {
      let date = PackDate(daysSinceEpoch: asOf.daysSinceEpoch - Int64(contact.day))
      contacts += "\(id),\(date),\(roles[contact.role])\n"
    }
    if person.sibling, n + 1 < people.count { links += "\(id),G\(n + 1),sibling\n" }
  }
  return [
    "people.csv": persons, "police_contacts.csv": contacts, "social_care.csv": care,
    "links.csv": links,
  ]
}

@Test func generatedPopulationsAgree() async throws {
  let pack = try expressionPack(ruleExpressions)
  await propertyCheck(count: 25, input: generatedPerson.array(of: 1...12)) { people in
    let folder = try TemporaryFolder(files: extract(people))
    defer { folder.remove() }
    let (lines, run) = try disagreements(pack, folder.path)
    #expect(lines.isEmpty, "\(lines)")
    #expect(run.peopleCount == people.count)
  }
}

/// The tiny pack with a scope and programme conditions whose conjuncts read only the age,
/// alone or with other conjuncts that are unknown or fail (``FastAgeGuard``).
func ageConditionsPack() throws -> CompiledPack {
  let fixture = try PackFixture(
    edits: [
      "schema.yaml": replacing(
        "      - { kind: person, path: people.csv }\n",
        with:
          "      - { kind: person, path: people.csv }\n      - { kind: links, path: links.csv }\n"
      ),
      "scoring.yaml": { $0 + "\nscope: age <= 18\n" },
    ],
    files: [
      "programmes/pied.yaml": """
      id: pied
      name: PIED
      route: Weekly PIED multi-agency meeting
      capacity: 5
      eligibility:
        - id: age
          description: Aged 10 to 17
          when: age >= 10 && age <= 17
        - id: attendance_from_eleven
          description: Attendance over 80%, or none recorded, from the age of 11
          when: (person.attendance > 80.0 || !has(person.attendance)) && age >= 11
      exclusions:
        - id: failing_from_sixteen
          description: An error from the age of 16, false before
          when: age >= 16 && 1 / (size(person.police_contacts) - size(person.police_contacts)) == 0
        - id: already_open
          description: Already open to a service
          when: age > 0 && person.open_to_service && age < 100
      """
    ])
  defer { fixture.remove() }
  try FileManager.default.removeItem(at: fixture.directory.appendingPathComponent("tests"))
  return try fixture.compile().get()
}

/// A scope or programme condition decided by the person's age is remembered per age: both
/// engines still agree on every decision and deciding condition, for people of every age,
/// unknown ages included.
@Test func conditionsDecidedByAgeAgree() async throws {
  let pack = try ageConditionsPack()
  let folder = try TemporaryFolder(
    files: extract(
      (0..<40).map { n in
        GeneratedPerson(
          attendance: n % 3 == 0 ? nil : 70 + n, birthYear: n % 7 == 0 ? nil : 2004 + n % 14,
          open: n % 5 == 0 ? nil : n % 2 == 0, contacts: [], sibling: false)
      }))
  defer { folder.remove() }
  let (lines, run) = try disagreements(pack, folder.path)
  #expect(lines.isEmpty, "\(lines)")
  // Every kind of decision is reached, so that agreement means something.
  #expect(Set(run.table.decisions).count == 5)
  await propertyCheck(count: 25, input: generatedPerson.array(of: 1...12)) { people in
    let folder = try TemporaryFolder(files: extract(people))
    defer { folder.remove() }
    let (lines, _) = try disagreements(pack, folder.path)
    #expect(lines.isEmpty, "\(lines)")
  }
}
