/// The figures the synthetic population is calibrated to, each with its source.
///
/// Figures marked DOMAIN.md come from `design/DOMAIN.md` (national figures for England); the
/// others are modelling assumptions or outside figures to check, and say so. See
/// `docs/synthetic-data.md` for the table of targets and achieved rates.
public enum SynthRates {
  // MARK: Schools

  /// Overall absence: 7.4% of sessions (DOMAIN.md, DfE absence statistics 2022/23). The
  /// absence distribution below has this mean.
  public static let overallAbsence = 0.074
  /// Persistent absence: about 22% of pupils miss 10% or more of sessions (DOMAIN.md).
  public static let persistentAbsence = 0.22
  /// Severe absence: 1.7% of pupils miss 50% or more (DOMAIN.md, 2021/22).
  public static let severeAbsence = 0.017
  /// Persistent absence among pupils eligible for free school meals: 37% (DOMAIN.md,
  /// Children's Commissioner 2021/22).
  public static let persistentAbsenceFSM = 0.37

  /// Absence (percent of sessions) at quantiles of pupils: a piecewise-linear distribution
  /// whose mean is 7.4%, with 22% at or above 10% and 1.7% at or above 50%.
  static let absenceQuantiles: [(quantile: Double, absence: Double)] = [
    (0, 0), (0.05, 0.5), (0.2, 1.3), (0.4, 2.8), (0.6, 5.0), (1 - persistentAbsence, 10),
    (0.9, 15.5), (0.95, 20), (1 - severeAbsence, 50), (0.995, 70), (1, 100),
  ]

  /// Suspensions: 11.31 per 100 pupils a year, the latest figure (DOMAIN.md, DfE 2023/24;
  /// 9.33 in 2022/23).
  public static let suspensionsPer100 = 11.31
  /// Permanent exclusions: 0.13 per 100 pupils a year, the latest figure (DOMAIN.md, DfE
  /// 2023/24; 0.11 in 2022/23).
  public static let permanentExclusionsPer100 = 0.13
  /// Disparities in suspension rates (DOMAIN.md): boys about 1.5× girls, SEN support about
  /// 4× and EHCP about 3× pupils with no SEN, free school meals about 4× the rest.
  public static let suspensionRatios = (male: 1.5, senSupport: 4.0, ehcp: 3.0, fsm: 4.0)
  /// Disparities in permanent exclusion rates (DOMAIN.md): boys about 2×, SEN support about
  /// 5×, free school meals 5–6.5×; EHCP is not given and taken as 3× like suspensions.
  public static let permanentExclusionRatios = (male: 2.0, senSupport: 5.0, ehcp: 3.0, fsm: 5.75)

  /// Rate ratios by ethnic group (mixed, asian, black, other) to White pupils or young
  /// people, for suspensions, permanent exclusions and police contacts as a suspect. DOMAIN.md
  /// gives no figures by ethnicity; these are recalled from the national statistics and NOT
  /// checked: DfE, Suspensions and permanent exclusions in England 2022/23, by ethnicity
  /// (major groups: Mixed above White, Black about White's rate or below it, Asian far
  /// below); Home Office, Police powers and procedures, arrests by ethnicity, year ending
  /// March 2023 (Black about 2.4 times White, Mixed about 1.6 times). Check before relying on
  /// them. They exist so that a fairness report on synthetic data has national-shaped
  /// differences to find.
  public static let suspensionEthnicityRatios = (mixed: 1.15, asian: 0.35, black: 0.85, other: 0.6)
  /// See ``suspensionEthnicityRatios``.
  public static let permanentExclusionEthnicityRatios = (
    mixed: 1.2, asian: 0.3, black: 1.0, other: 0.6
  )
  /// See ``suspensionEthnicityRatios``.
  public static let suspectEthnicityRatios = (mixed: 1.6, asian: 1.1, black: 2.4, other: 1.3)

  /// Free school meals eligibility: 24.6% of pupils (DfE, Schools, pupils and their
  /// characteristics, January 2024; not in DOMAIN.md — check).
  public static let freeSchoolMeals = 0.246
  /// SEN support 13.6% and EHCP 4.8% of pupils (DfE, Special educational needs in England,
  /// January 2024; not in DOMAIN.md — check).
  public static let senSupport = 0.136
  /// See ``senSupport``.
  public static let ehcp = 0.048

  /// Children missing education on census day: about 0.4–0.5% of pupils (DOMAIN.md, DfE
  /// 2023–2024). Open episodes are given to this share of compulsory-school-age children.
  public static let missingEducationOpen = 0.0045
  /// Children whose episode of missing education closed in the last 18 months (assumption).
  public static let missingEducationClosed = 0.005
  /// Children educated at home, not on a school roll (about 1%; DfE elective home education
  /// statistics, autumn 2024 — check). They have no school row: their education data is unknown.
  public static let electiveHomeEducation = 0.01
  /// Share of 16–17-year-olds in years 12–13 on a school sixth-form roll (assumption; the
  /// rest are at college and not in the school census).
  public static let schoolSixthForm = 0.4

  // MARK: Children's social care

  /// Children in need, including child protection plans and looked-after children: 404,310 at
  /// 31 March 2023 (DOMAIN.md, CIN census) of about 12.2 million under-18s: 3.3%.
  public static let childInNeed = 0.033
  /// Children on a child protection plan: about 0.4% of under-18s (DfE CIN census 2023,
  /// 50,780; not in DOMAIN.md — check).
  public static let childProtectionPlan = 0.0042
  /// Looked-after children: about 0.7% of under-18s (DfE, 70 per 10,000 in 2023; not in
  /// DOMAIN.md — check).
  public static let lookedAfter = 0.007
  /// Open to Early Help or another targeted service without a social-care episode (assumption).
  public static let earlyHelp = 0.025

  // MARK: Police and health (modelling assumptions: DOMAIN.md gives no figures)

  /// Police contacts a year per young person by role, before risk: (10–13, 14–17, 18–25).
  static let suspectContacts = (0.012, 0.04, 0.035)
  /// See ``suspectContacts``.
  static let victimContacts = (0.03, 0.05, 0.04)
  /// See ``suspectContacts``.
  static let witnessContacts = (0.015, 0.025, 0.02)
  /// See ``suspectContacts``.
  static let otherContacts = (0.01, 0.015, 0.01)
  /// Missing from home: the share of 8–17-year-olds reported missing in a year, before the far
  /// higher rate of looked-after children; episodes repeat.
  static let missingFromHome = 0.005
  /// Police-recorded domestic abuse incidents a year per household with children.
  static let domesticAbusePerHousehold = 0.03
  /// A&E attendances for assault a year per 12–25-year-old.
  static let assaultAttendances = 0.004
  /// Referrals to children and young people's mental health services a year, (5–10, 11–17, 18–25).
  static let mentalHealthReferrals = (0.02, 0.045, 0.012)

  // MARK: Timing

  /// Events are spread over this many days before the as-of date (18 months).
  public static let windowDays = 548
  /// Share of events placed in the seven days before the as-of date (about 2.3 times an even
  /// spread), so that weekly rules such as PIED's find someone in a small extract.
  public static let recentShare = 0.03
}
