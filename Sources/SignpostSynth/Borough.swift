/// The places the synthetic population lives and learns in: Wigan's 25 electoral wards and a
/// set of primary and secondary schools scaled to the population (about 100 primaries and 20
/// secondaries for a borough of 100,000 young people, as in Wigan), plus a pupil referral unit.
struct Borough: Sendable {
  /// An electoral ward, with a relative deprivation from -1 (least) to 1 (most deprived).
  struct Ward: Sendable {
    var name: String
    var deprivation: Double
  }

  /// A phase of education.
  enum Phase: Sendable {
    case primary
    case secondary
    /// The pupil referral unit, where permanently excluded pupils are placed.
    case referralUnit
  }

  /// A school, in the ward it stands in.
  struct School: Sendable {
    var name: String
    var phase: Phase
    var ward: Int
    /// The ward's how-manieth school of its phase, from 0.
    var round: Int
    /// A six-digit Unique Reference Number in a range no real school has (9xxxxx): 91wwrr for
    /// a primary and 92wwrr for a secondary (ward ww, the ward's rr-th school of the phase),
    /// 930000 for the pupil referral unit; the same school keeps its URN at any size.
    var urn: String

    init(name: String, phase: Phase, ward: Int, round: Int) {
      self.name = name
      self.phase = phase
      self.ward = ward
      self.round = round
      let base =
        switch phase {
        case .primary: 910_000
        case .secondary: 920_000
        case .referralUnit: 930_000
        }
      urn = String(phase == .referralUnit ? base : base + ward * 100 + round)
    }
  }

  var wards: [Ward]
  var schools: [School]
  /// The primaries in each ward.
  var primariesByWard: [[Int]]
  /// The secondaries that serve each ward.
  var secondariesByWard: [[Int]]
  var secondaries: [Int]
  var referralUnit: Int

  /// The names of Wigan's 25 electoral wards (the 2004–2023 boundaries), with a relative
  /// deprivation that shapes free school meals and risk (an assumption, not an official index).
  static let wiganWards: [Ward] = [
    Ward(name: "Abram", deprivation: 0.6), Ward(name: "Ashton", deprivation: 0.0),
    Ward(name: "Aspull New Springs Whelley", deprivation: -0.2),
    Ward(name: "Astley Mosley Common", deprivation: -0.4),
    Ward(name: "Atherleigh", deprivation: 0.3),
    Ward(name: "Atherton", deprivation: 0.1), Ward(name: "Bryn", deprivation: 0.0),
    Ward(name: "Douglas", deprivation: 0.7),
    Ward(name: "Golborne and Lowton West", deprivation: 0.1),
    Ward(name: "Hindley", deprivation: 0.4), Ward(name: "Hindley Green", deprivation: -0.1),
    Ward(name: "Ince", deprivation: 0.9), Ward(name: "Leigh East", deprivation: 0.2),
    Ward(name: "Leigh South", deprivation: -0.3), Ward(name: "Leigh West", deprivation: 0.7),
    Ward(name: "Lowton East", deprivation: -0.7), Ward(name: "Orrell", deprivation: -0.6),
    Ward(name: "Pemberton", deprivation: 0.6),
    Ward(name: "Shevington with Lower Ground", deprivation: -0.6),
    Ward(name: "Standish with Langtree", deprivation: -0.8),
    Ward(name: "Tyldesley", deprivation: 0.1),
    Ward(name: "Wigan Central", deprivation: 0.2), Ward(name: "Wigan West", deprivation: 0.5),
    Ward(name: "Winstanley", deprivation: -0.5), Ward(name: "Worsley Mesnes", deprivation: 0.8),
  ]

  private static let primaryNames = [
    "St Mary's CE Primary", "Community Primary", "St Joseph's RC Primary", "Park Primary",
    "St John's CE Primary", "Holy Family RC Primary", "Methodist Primary", "St Peter's CE Primary",
    "Junior and Infant School", "St Paul's CE Primary",
  ]

  /// A borough for `people` young people.
  init(people: Int) {
    wards = Self.wiganWards
    let primaryCount = max(wards.count, people / 1000)
    let secondaryCount = max(3, people / 5000)
    schools = []
    primariesByWard = Array(repeating: [], count: wards.count)
    for index in 0..<primaryCount {
      let ward = index % wards.count
      let round = index / wards.count
      let variant = Self.primaryNames[(ward * 3 + round) % Self.primaryNames.count]
      let cycle = round / Self.primaryNames.count
      var name = "\(wards[ward].name) \(variant)"
      if cycle > 0 { name += " \(cycle + 1)" }
      primariesByWard[ward].append(schools.count)
      schools.append(School(name: name, phase: .primary, ward: ward, round: round))
    }
    secondaries = []
    secondariesByWard = Array(repeating: [], count: wards.count)
    let suffixes = ["High School", "Academy", "Catholic High School", "Community High School"]
    for index in 0..<secondaryCount {
      let ward = index % wards.count
      let round = index / wards.count
      var name = "\(wards[ward].name) \(suffixes[round % suffixes.count])"
      if round >= suffixes.count { name += " \(round / suffixes.count + 1)" }
      secondariesByWard[ward].append(schools.count)
      secondaries.append(schools.count)
      schools.append(School(name: name, phase: .secondary, ward: ward, round: round))
    }
    // With fewer secondaries than wards, a ward without one is served by a secondary in
    // another ward.
    for ward in 0..<wards.count where secondariesByWard[ward].isEmpty {
      secondariesByWard[ward] = [secondaries[ward % secondaries.count]]
    }
    referralUnit = schools.count
    schools.append(School(name: "Pupil Referral Unit", phase: .referralUnit, ward: 21, round: 0))
  }
}
