import Foundation
import SignpostEngine
import SignpostRules
import Testing

@testable import SignpostServer

/// The score route answers generated referrals (random sources, fields, events, links and
/// dates, from a fixed seed) byte for byte as the reference evaluator's result of the same
/// record would be answered: the flat plan it scores on, compiled once per date and shape,
/// changes nothing a client sees.
@Test func scoreRouteAnswersGeneratedReferralsAsTheReferenceWould() async throws {
  let fixture = try await ServiceFixture()
  defer { fixture.remove() }
  let service = fixture.service
  let scoring = service.scoring.scoring
  let triage = try fixture.user("triage")
  var random = SeededRandom(seed: 15)
  var fired = 0
  var notEvaluated = 0
  for _ in 0..<300 {
    let body = Array(referralBody(&random).utf8)
    let answered = try await service.score(try JSONInput.parse(body), for: triage) { $0 }
    let record = try ReferralRecord.read(
      try JSONInput.parse(body), schema: ReferralSchema(scoring.pack.schema))
    let asOf = try #require(record.asOf)
    let result = Evaluator(pack: scoring.pack, asOf: asOf).evaluate(
      person: record.subject, in: record.population)
    let explanation = TriageService.explained(result, asOf: asOf, in: scoring)
    let expected = APIBody.Score(
      pack: APIBody.Pack(service.pack), explanation: APIBody.Explained(explanation),
      explanationText: explanation.text)
    #expect(
      String(decoding: answered.json, as: UTF8.self)
        == String(decoding: expected.json, as: UTF8.self),
      "\(String(decoding: body, as: UTF8.self))")
    fired += explanation.fired.count
    notEvaluated += explanation.notEvaluated.count
  }
  // The records reach both kinds of explanation the plan leaves to the reference.
  #expect(fired > 50 && notEvaluated > 50)
  // Three dates, and the shapes that subsets of three sources make.
  #expect(service.scoring.onePerson.keptPlanCount > 3)
}

/// A referral for the test pack (tiny, with `school` and `ward`): each source supplied or
/// not, each field given or left out, zero to three police contacts, zero to two linked
/// persons with contacts of their own.
private func referralBody(_ random: inout SeededRandom) -> String {
  func chance(_ percent: UInt64) -> Bool { random.next() % 100 < percent }
  func pick<T>(_ values: [T]) -> T { values[Int(random.next() % UInt64(values.count))] }
  func date() -> String {
    let day = PackDate(daysSinceEpoch: 20_100 - Int64(random.next() % 400))
    return "\"\(day)\""
  }
  func contacts() -> String {
    let events = (0..<Int(random.next() % 4)).map { _ in
      var fields = ["\"date\": \(date())"]
      if chance(80) { fields.append("\"role\": \"\(pick(["suspect", "victim", "witness"]))\"") }
      return "{\(fields.joined(separator: ", "))}"
    }
    return "\"police_contacts\": [\(events.joined(separator: ", "))]"
  }
  var person = ["\"id\": \"G-\(random.next() % 1000)\""]
  if chance(85) {
    person.append(
      "\"date_of_birth\": \"\(PackDate(daysSinceEpoch: 14_600 + Int64(random.next() % 2000)))\"")
  }
  if chance(70) { person.append("\"attendance\": \(Double(random.next() % 1000) / 10)") }
  if chance(50) { person.append("\"open_to_service\": \(chance(30))") }
  if chance(60) { person.append("\"school\": \"\(pick(["North High", "South High"]))\"") }
  if chance(70) { person.append(contacts()) }
  var top = ["\"as_of\": \"\(pick(["2025-04-01", "2025-01-15", "2024-11-30"]))\""]
  if chance(60) {
    let sources = ["school", "police", "social_care"].filter { _ in chance(60) }
    top.append("\"sources\": [\(sources.map { "\"\($0)\"" }.joined(separator: ", "))]")
  }
  top.append("\"person\": {\(person.joined(separator: ", "))}")
  let links = (0..<Int(random.next() % 3)).map { _ in
    "{\"relation\": \"\(pick(["sibling", "peer"]))\", \"person\": {\(contacts())}}"
  }
  top.append("\"links\": [\(links.joined(separator: ", "))]")
  return "{\(top.joined(separator: ", "))}"
}

/// xorshift64*: the same referrals every run.
private struct SeededRandom {
  var state: UInt64

  init(seed: UInt64) { state = seed | 1 }

  mutating func next() -> UInt64 {
    state ^= state >> 12
    state ^= state << 25
    state ^= state >> 27
    return state &* 0x2545_F491_4F6C_DD1D
  }
}
