import Foundation
import SignpostEngine
import SignpostRules
import SignpostSource
import SignpostTestSupport
import Testing

// The findings of the Wigan pack review (issue 11) that live in reading and running rather
// than in one person's rules: code lists, attendance from sessions, who is scored, and the
// gateways a DPO must confirm. Each failed on the pack as it was; the pack's own cases
// (rules/wigan/tests) cover the rest.

/// The borough's default pack, compiled.
private func wiganPack() throws -> CompiledPack {
  let root = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
  return try PackCompiler.compile(directory: root.appendingPathComponent("rules/wigan").path)
    .get()
}

private let runDate = PackDate(iso: "2025-04-01")

/// Scores an extract folder with the Wigan pack on 1 April 2025.
private func score(_ files: [String: String]) throws -> ScoringRun {
  let folder = try TemporaryFolder(files: files)
  defer { folder.remove() }
  let date = try #require(runDate)
  return try ScoringRun.run(pack: try wiganPack(), inputDirectory: folder.path, asOf: date)
}

private func index(_ run: ScoringRun, _ id: String) throws -> Int {
  try #require(run.read.population.ids.firstIndex(of: id))
}

private let register = """
  person_id,date_of_birth,sex,ethnicity,ward
  P1,2014-02-01,male,white,Ince
  P2,2014-03-01,female,white,Ince
  P3,2014-04-01,male,white,Ince
  P4,2010-09-15,female,white,Ince
  P5,,female,white,Ince

  """

private let pupils = """
  person_id,date_of_birth,sex,school,school_urn,year_group,sen,fsm,attendance
  P1,2014-02-01,male,Ince Primary,911100,6,none,false,93.0
  P2,2014-03-01,female,Ince Primary,911100,6,none,false,93.0
  P3,2014-04-01,male,Ince Primary,911100,6,none,false,93.0
  P4,2010-09-15,female,Ince High,921100,9,none,false,93.0

  """

/// Finding: MT was read as a weapon; OW, BW and the newest list's codes were rejected, so a
/// pupil suspended for a knife was "settled in education". Each DfE code is now read as its
/// own reason, and only OW and BW are weapons.
@Test func exclusionReasonCodesAreReadAsTheSchoolCensusDefinesThem() throws {
  let run = try score([
    "people.csv": register,
    "pupils.csv": pupils,
    "suspensions.csv": """
    person_id,date,days,reason
    P1,2025-03-03,1.0,MT
    P2,2025-03-03,2.0,BW
    P3,2025-03-03,1.0,OW
    P4,2025-03-03,1.0,LD
    P4,2025-03-10,1.0,OT

    """,
    "permanent_exclusions.csv": "person_id,date,reason\n",
    "cme_episodes.csv": "person_id,date,open\n",
  ])
  #expect(run.read.rejects.isEmpty, "\(run.read.rejects)")
  let online = try index(run, "P1")
  #expect(run.indicators(online, .fired) == ["suspension_12m"])
  for id in ["P2", "P3"] {
    let armed = try index(run, id)
    #expect(
      run.indicators(armed, .fired) == [
        "suspension_12m", "violent_behaviour_in_school", "weapon_in_school_12m",
      ], "\(id)")
    #expect(!run.indicators(armed, .fired).contains("settled_in_education"))
  }
  let disruptive = try index(run, "P4")
  #expect(run.indicators(disruptive, .fired) == ["suspension_12m", "repeat_suspension_12m"])
}

/// Finding: offences outside the old list (rape, stalking, burglary, drug subgroups) were
/// rejected outright, victims' rows included. Every Home Office subgroup is read, and a child
/// victim of rape keeps the safeguarding flag.
@Test func everyHomeOfficeOffenceSubgroupIsReadAndAChildVictimOfRapeKeepsTheFlag() throws {
  let subgroups = [
    "Homicide", "Death or serious injury caused by unlawful driving", "Violence with injury",
    "Violence without injury", "Stalking and harassment", "Rape", "Other sexual offences",
    "Robbery of business property", "Robbery of personal property", "Residential burglary",
    "Non-residential burglary", "Vehicle offences", "Theft from the person", "Bicycle theft",
    "Shoplifting", "All other theft offences", "Criminal damage and arson",
    "Trafficking of drugs", "Possession of drugs", "Possession of weapons offences",
    "Public order offences", "Miscellaneous crimes against society",
    // Groups named without a subgroup, and older spellings.
    "Violence against the person", "Sexual offences", "Robbery", "Theft offences",
    "Drug offences", "Domestic burglary", "Non-domestic burglary", "Anti-social behaviour",
  ]
  var contacts = "person_id,date,role,offence,weapon\n"
  for subgroup in subgroups { contacts += "P1,2025-01-05,witness,\(subgroup),false\n" }
  contacts += "P4,2025-01-05,victim,Rape,false\n"
  let run = try score([
    "people.csv": register, "pupils.csv": pupils, "police_contacts.csv": contacts,
    "social_care.csv": """
    person_id,open_to_service,child_in_need,child_protection_plan,looked_after,engaged_west_london_zone
    P4,false,false,false,false,false

    """,
  ])
  #expect(run.read.rejects.isEmpty, "\(run.read.rejects)")
  let victim = try index(run, "P4")
  #expect(run.indicators(victim, .fired).contains("violence_victim_12m"))
  #expect(run.referral(programme: "early_help", person: victim)?.status == .recommended)
  #expect(run.referral(programme: "pied", person: victim) == nil)
}

/// Finding: attendance was rounded to one decimal before the 90% test, so a pupil who missed
/// 9.96% of sessions was persistently absent. It is now the unrounded share of sessions.
@Test func attendanceIsTestedOnTheSessionsNotARoundedFigure() throws {
  let run = try score([
    "people.csv": register,
    "linkage/matches_1.csv": """
    SourceSystem,SourceID,PersonID,MatchMethod,MatchScore
    upn,U4,P4,deterministic,1
    upn,U1,P1,deterministic,1

    """,
    "education/census_1.csv": """
    UPN,DOB,Gender,SchoolName,URN,NCyearActual,SENprovision,FSMeligible
    U4,2010-09-15,F,Ince High,921100,9,N,false
    U1,2014-02-01,M,Ince Primary,911100,6,N,false

    """,
    // 251 of 251 + 251 sessions missed: 1 in 10.04 -> 9.96% absence; U1 misses exactly 10%.
    "education/attendance_1.csv": """
    UPN,Term,SessionsPossible,SessionsAuthorised,SessionsUnauthorised
    U4,autumn,251,15,10
    U1,autumn,250,20,5

    """,
  ])
  #expect(run.read.rejects.isEmpty, "\(run.read.rejects)")
  let justAbove = try index(run, "P4")
  #expect(run.indicators(justAbove, .notFired).contains("persistent_absence"))
  let atTheLine = try index(run, "P1")
  #expect(run.indicators(atTheLine, .fired).contains("persistent_absence"))
}

/// Finding: people whose age could not be decided were scored (most of them parents or
/// carers). They are now not scored or referred, and are counted as undecided.
@Test func aPersonWhoseAgeCannotBeDecidedIsNotScoredButListedAsUndecided() throws {
  let run = try score([
    "people.csv": register,
    "police_contacts.csv": """
    person_id,date,role,offence,weapon
    P5,2025-03-30,suspect,Violence with injury,true

    """,
  ])
  let unknownAge = try index(run, "P5")
  #expect(run.table.scopeUndecided[unknownAge])
  #expect(!run.table.inScope[unknownAge])
  #expect(run.referrals.allSatisfy { $0.personIndex != unknownAge })
  #expect(!String(decoding: RunOutputs.scoresCSV(run), as: UTF8.self).contains("P5"))
  let explanation = Explanation(run.result(for: unknownAge), in: run)
  #expect(explanation.programmes.allSatisfy { $0.status == .undecided })
}

/// Finding: the health source cited ISB 1594, an anonymised data set, as its gateway. It is
/// marked unconfirmed, and every rule that reads it is warned about.
@Test func rulesThatReadTheUnconfirmedHealthSourceAreWarnedAbout() throws {
  let pack = try wiganPack()
  let health = try #require(pack.schema.sources.first { $0.id == "health" })
  #expect(!health.gatewayConfirmed)
  #expect(pack.schema.sources.filter { !$0.gatewayConfirmed }.map(\.id) == ["health"])
  let warned = pack.warnings.map(\.message)
  #expect(
    warned == [
      "indicator 'ae_assault_12m' reads source 'health', whose gateway is unconfirmed",
      "indicator 'ae_sharp_injury_12m' reads source 'health', whose gateway is unconfirmed",
      "indicator 'mental_health_referral_12m' reads source 'health', whose gateway is unconfirmed",
      "programme 'early_help' reads source 'health' (through indicator 'ae_assault_12m'), whose gateway is unconfirmed",
    ])
  #expect(pack.warnings.allSatisfy { $0.severity == .warning && $0.range != nil })
  #expect(!pack.schema.sources.contains { $0.gateway.contains("ISB 1594") })
}

/// Finding: a code outside a list rejected the whole row, a victim's included. With
/// `unknown_codes: unknown` the row is kept with the value unknown and a warning; only the
/// rules that need that value are not evaluated.
@Test func aVictimsRowWithAnUnlistedOffenceCodeIsKeptWithTheOffenceUnknown() throws {
  let run = try score([
    "people.csv": register,
    "pupils.csv": pupils,
    "police_contacts.csv": """
    person_id,date,role,offence,weapon
    P4,2025-01-05,victim,Knife crime (local code),false

    """,
    "suspensions.csv": """
    person_id,date,days,reason
    P1,2025-03-03,1.0,ZZ

    """,
    "permanent_exclusions.csv": "person_id,date,reason\n",
    "cme_episodes.csv": "person_id,date,open\n",
  ])
  #expect(run.read.rejects.isEmpty, "\(run.read.rejects)")
  let warnings = run.read.files.flatMap(\.warnings)
  #expect(warnings.contains { $0.contains("'Knife crime (local code)'") })
  #expect(warnings.contains { $0.contains("'ZZ'") })
  let victim = try index(run, "P4")
  #expect(run.indicators(victim, .fired).contains("police_victim_12m"))
  #expect(run.indicators(victim, .notEvaluated).contains("violence_victim_12m"))
  let pupil = try index(run, "P1")
  #expect(run.indicators(pupil, .fired).contains("suspension_12m"))
  #expect(run.indicators(pupil, .notEvaluated).contains("violent_behaviour_in_school"))
}
