import Foundation

/// A large, deterministic extract for the tiny pack: `people` young people with dates of
/// birth and attendance, a police contact for about one in three, and a social-care row for
/// one in seven. Large enough that storing a run takes a noticeable time.
public enum LargeExtract {
  public static func files(people count: Int, seed: UInt64) -> [String: String] {
    var state = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
    func next(_ bound: Int) -> Int {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Int((state >> 33) % UInt64(bound))
    }
    func id(_ n: Int) -> String {
      let digits = String(n)
      return "Y" + String(repeating: "0", count: max(0, 6 - digits.count)) + digits
    }
    func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
    var people = "person_id,date_of_birth,attendance\n"
    var police = "person_id,date,role\n"
    var care = "person_id,open_to_service\n"
    let roles = ["suspect", "victim", "witness"]
    for n in 0..<count {
      people +=
        "\(id(n)),\(2005 + next(15))-\(two(1 + next(12)))-\(two(1 + next(28))),"
        + "\(40 + next(60)).\(next(10))\n"
      if next(3) == 0 {
        police += "\(id(n)),2025-03-\(two(20 + next(12))),\(roles[next(3)])\n"
      }
      if n % 7 == 0 { care += "\(id(n)),\(next(2) == 0 ? "true" : "false")\n" }
    }
    return ["people.csv": people, "police_contacts.csv": police, "social_care.csv": care]
  }
}
