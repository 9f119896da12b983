import Foundation
import SignpostEngine
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
    try JSONInput.parse(Data(referral.utf8)), for: try fixture.user("triage"))
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
