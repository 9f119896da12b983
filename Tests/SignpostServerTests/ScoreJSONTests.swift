import Foundation
import GRDB
import NIOCore
import SignpostEngine
import Synchronization
import Testing

@testable import SignpostServer

/// The score route's answer, written by hand (``JSONWriter``), says what its `Encodable` form
/// says through the API's encoder: the same keys, in the same order, and the same values,
/// with an id that needs escaping.
@Test func scoreAnswerWrittenByHandIsTheEncodedAnswer() async throws {
  let fixture = try await ServiceFixture()
  defer { fixture.remove() }
  let referral = #"""
    {"as_of": "2025-04-01", "sources": ["school", "police"],
     "person": {"id": "R\"1\\ \n\u0001é", "date_of_birth": "2010-06-01", "school": "North High",
     "police_contacts": [{"date": "2025-03-29", "role": "suspect"}]}}
    """#
  let score = try await fixture.service.score(
    try JSONInput.parse(Data(referral.utf8)), for: try fixture.user("triage")
  ) { $0 }
  #expect(!score.explanation.fired.isEmpty)
  #expect(!score.explanation.notEvaluated.isEmpty)
  #expect(!score.explanation.domains.isEmpty && !score.explanation.programmes.isEmpty)
  let written = Data(score.json)
  let encoded = try APIResponse.encoder.encode(score)
  let hand = try #require(try JSONSerialization.jsonObject(with: written) as? NSDictionary)
  let reference = try #require(try JSONSerialization.jsonObject(with: encoded) as? NSDictionary)
  #expect(hand == reference)
  #expect(keys(in: written) == keys(in: encoded))
  #expect((hand["explanation"] as? NSDictionary)?["person_id"] as? String == "R\"1\\ \n\u{1}é")
}

/// Every key of a JSON text, in the order written.
private func keys(in json: Data) -> [String] {
  let text = String(decoding: json, as: UTF8.self)
  let key = /"((?:[^"\\]|\\.)*)":/
  return text.matches(of: key).map { String($0.output.1) }
}

/// The route's answer (its response, made while the audit commits) is byte for byte the
/// general path's: the scored answer written as JSON.
@Test func scoreRouteAnswersTheGeneralPathsBytes() async throws {
  let fixture = try await ServiceFixture()
  defer { fixture.remove() }
  let general = try await fixture.service.score(
    try JSONInput.parse(Data(APITests.referral.utf8)), for: try fixture.user("triage")
  ) { $0 }
  try await fixture.test { client in
    let response = try await APITests.call(
      client, "/api/v1/score", as: "triage", method: .post, json: APITests.referral)
    #expect(response.status == .ok)
    #expect(Array(response.body.readableBytesView) == general.json)
  }
}

/// An answer made while the audit commits is not returned when the commit fails: the
/// caller gets 503 (the route a problem, not the answer), and no read is recorded.
@Test func anAnswerMadeBeforeAFailedAuditIsNotReturned() async throws {
  let fixture = try await ServiceFixture()
  defer { fixture.remove() }
  let other = try DatabaseQueue(path: fixture.folder.appendingPathComponent("runs.sqlite").path)
  try await other.write { db in
    try db.execute(
      sql: """
        CREATE TRIGGER refuse_r1 BEFORE INSERT ON person_read WHEN NEW.person_id = 'R1'
        BEGIN SELECT RAISE(ABORT, 'refused'); END
        """)
  }
  let made = Mutex(0)
  await #expect(throws: TriageError(.unavailable, "the store cannot record the audit")) {
    try await fixture.service.score(
      try JSONInput.parse(Data(APITests.referral.utf8)), for: try fixture.user("triage")
    ) { score in
      made.withLock { $0 += 1 }
      return score.json
    }
  }
  #expect(made.withLock { $0 } == 1)
  try await fixture.test { client in
    let response = try await APITests.call(
      client, "/api/v1/score", as: "triage", method: .post, json: APITests.referral)
    #expect(response.status == .serviceUnavailable)
    #expect(!String(buffer: response.body).contains("explanation"))
  }
  #expect(try fixture.store.personReads(personID: "R1").isEmpty)
}
