import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import SignpostServer
import SignpostSource
import SignpostStore
import SignpostYAML
import Testing

/// The JSON API: token auth, every route × every role, the score endpoint's answers and
/// refusals, and the audit of every person-level read.
@Suite struct APITests {
  /// Sends an API request with a user's token (none for `nil`).
  static func call(
    _ client: any TestClientProtocol, _ uri: String, as user: String?,
    method: HTTPRequest.Method = .get, json: String? = nil, headers extra: HTTPFields = [:]
  ) async throws -> TestResponse {
    var headers = extra
    if let user { headers[.authorization] = "Bearer \(ServiceFixture.token(user))" }
    if json != nil { headers[.contentType] = "application/json" }
    return try await client.execute(
      uri: uri, method: method, headers: headers, body: json.map { ByteBuffer(string: $0) })
  }

  /// A referral from North High: persistently absent (20) and a suspect three days before
  /// the as-of date (30), aged 14, not open to a service.
  static let referral = """
    {"as_of": "2025-04-01", "person": {"id": "R1", "date_of_birth": "2010-06-01",
     "attendance": 80, "school": "North High", "open_to_service": false,
     "police_contacts": [{"date": "2025-03-29", "role": "suspect"}]}}
    """

  static let decision = #"{"programme": "pied", "kind": "defer", "reason": "more_information"}"#

  struct Case: Sendable, CustomStringConvertible {
    var method: HTTPRequest.Method = .get
    var uri: String
    var json: String?
    var expected: [String?: HTTPResponse.Status]
    var description: String { "\(method) \(uri)" }
  }

  /// The statuses by user; without a token, 401.
  static func statuses(
    none: HTTPResponse.Status = .unauthorized, admin: HTTPResponse.Status,
    triage: HTTPResponse.Status, lead: HTTPResponse.Status, leadOther: HTTPResponse.Status,
    school: HTTPResponse.Status, analyst: HTTPResponse.Status
  ) -> [String?: HTTPResponse.Status] {
    AuthorizationMatrixTests.statuses(
      signedOut: none, admin: admin, triage: triage, lead: lead, leadOther: leadOther,
      school: school, analyst: analyst)
  }

  static let cases: [Case] = [
    Case(
      uri: "/api/v1/openapi.yaml",
      expected: statuses(
        none: .ok, admin: .ok, triage: .ok, lead: .ok, leadOther: .ok, school: .ok, analyst: .ok)),
    Case(
      uri: "/api/v1/runs",
      expected: statuses(
        admin: .ok, triage: .ok, lead: .ok, leadOther: .ok, school: .ok, analyst: .ok)),
    Case(
      uri: "/api/v1/queues/pied",
      expected: statuses(
        admin: .ok, triage: .ok, lead: .ok, leadOther: .forbidden, school: .ok,
        analyst: .forbidden)),
    Case(
      uri: "/api/v1/queues/nope",
      expected: statuses(
        admin: .notFound, triage: .notFound, lead: .forbidden, leadOther: .forbidden,
        school: .notFound, analyst: .forbidden)),
    Case(
      uri: "/api/v1/people/A",
      expected: statuses(
        admin: .ok, triage: .ok, lead: .ok, leadOther: .notFound, school: .ok,
        analyst: .forbidden)),
    // B: another school's pupil.
    Case(
      uri: "/api/v1/people/B",
      expected: statuses(
        admin: .ok, triage: .ok, lead: .ok, leadOther: .notFound, school: .notFound,
        analyst: .forbidden)),
    Case(
      uri: "/api/v1/people/B/decisions",
      expected: statuses(
        admin: .ok, triage: .ok, lead: .ok, leadOther: .notFound, school: .notFound,
        analyst: .forbidden)),
    Case(
      method: .post, uri: "/api/v1/people/A/decisions", json: decision,
      expected: statuses(
        admin: .created, triage: .created, lead: .created, leadOther: .forbidden,
        school: .forbidden, analyst: .forbidden)),
    Case(
      method: .post, uri: "/api/v1/score", json: referral,
      expected: statuses(
        admin: .ok, triage: .ok, lead: .ok, leadOther: .ok, school: .ok, analyst: .forbidden)),
    // A school token scoring another school's pupil.
    Case(
      method: .post, uri: "/api/v1/score",
      json: referral.replacingOccurrences(of: "North High", with: "South Academy"),
      expected: statuses(
        admin: .ok, triage: .ok, lead: .ok, leadOther: .ok, school: .forbidden,
        analyst: .forbidden)),
  ]

  @Test func everyRouteForEveryRole() async throws {
    let fixture = try await ServiceFixture()
    defer { fixture.remove() }
    try await fixture.test { client in
      for user in AuthorizationMatrixTests.users {
        for testCase in Self.cases {
          let response = try await Self.call(
            client, testCase.uri, as: user, method: testCase.method, json: testCase.json)
          let expected = try #require(testCase.expected[user])
          #expect(
            response.status == expected,
            "\(testCase) as \(user ?? "no token"): \(response.status), expected \(expected)")
          if response.status.code >= 400 {
            #expect(response.headers[.contentType] == "application/problem+json", "\(testCase)")
          }
        }
      }
    }
  }

  @Test func tokensNotCookiesAuthenticate() async throws {
    let fixture = try await ServiceFixture()
    defer { fixture.remove() }
    try await fixture.test { client in
      var browser = Browser(client)
      try await browser.signIn("admin")
      #expect(try await browser.request("/").status == .ok)
      let withCookie = try await browser.request("/api/v1/runs")
      #expect(withCookie.status == .unauthorized)
      #expect(withCookie.headers[.wwwAuthenticate] == "Bearer")
      #expect(withCookie.text.contains("does not accept session cookies"))
      let wrong = try await client.execute(
        uri: "/api/v1/runs", method: .get, headers: [.authorization: "Bearer spt_test_nobody"])
      #expect(wrong.status == .unauthorized)
      // A token request needs no CSRF token.
      let decided = try await Self.call(
        client, "/api/v1/people/A/decisions", as: "triage", method: .post, json: Self.decision)
      #expect(decided.status == .created)
    }
  }

  @Test func scoresAReferralWithItsExplanation() async throws {
    let fixture = try await ServiceFixture()
    defer { fixture.remove() }
    try await fixture.test { client in
      let response = try await Self.call(
        client, "/api/v1/score", as: "triage", method: .post, json: Self.referral)
      #expect(response.status == .ok)
      let body = try #require(
        try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any])
      let explanation = try #require(body["explanation"] as? [String: Any])
      #expect(explanation["score"] as? Int == 50)
      #expect(explanation["band"] as? String == "high")
      #expect(explanation["as_of"] as? String == "2025-04-01")
      let fired = try #require(explanation["fired"] as? [[String: Any]]).compactMap {
        $0["id"] as? String
      }
      #expect(Set(fired) == ["persistent_absence", "recent_suspect_contact"])
      let programmes = try #require(explanation["programmes"] as? [[String: Any]])
      #expect(programmes.first?["status"] as? String == "eligible")
      let text = try #require(body["explanation_text"] as? String)
      #expect(text.contains("Person R1, as of 2025-04-01"))
      #expect(text.contains("Attendance 80"))
      let pack = try #require(body["pack"] as? [String: Any])
      #expect(pack["hash"] as? String == fixture.service.pack.hash)
    }
    let reads = try fixture.store.personReads(personID: "R1")
    #expect(reads.map(\.page) == ["api:score"])
    #expect(reads.first?.user == "triage")
    #expect(reads.first?.runID == (try fixture.store.latestCompleteRun()?.id))
  }

  @Test func aLinkedSiblingCountsAsTheSchemaDeclares() async throws {
    let fixture = try await ServiceFixture()
    defer { fixture.remove() }
    let app = Application(router: fixture.router().build())
    let json = """
      {"as_of": "2025-04-01", "sources": ["school", "police"],
       "person": {"id": "R2", "date_of_birth": "2012-01-01", "attendance": 99},
       "links": [{"relation": "sibling", "person": {
         "police_contacts": [{"date": "2025-03-31", "role": "suspect"}]}}]}
      """
    try await app.test(.router) { client in
      let response = try await Self.call(
        client, "/api/v1/score", as: "triage", method: .post, json: json)
      #expect(response.status == .ok)
      #expect(response.text.contains("\"sibling_recent_suspect\""))
      // social_care is not supplied: the exclusion cannot be decided, and says so.
      #expect(!response.text.contains("\"eligible\""))
    }
  }

  /// Each bad body → 400 (413 for a large one) with a problem naming the field; never 500.
  @Test(
    arguments: [
      ("{", nil, "not valid JSON"),
      ("[1]", nil, "expected an object"),
      (#"{"person": {"id": "R1"}, "extra": 1}"#, "extra", "not a known field"),
      (#"{"as_of": "1 April"}"#, "as_of", "YYYY-MM-DD"),
      (#"{}"#, "person", "is required"),
      (#"{"person": {}}"#, "person.id", "is required"),
      (#"{"person": {"id": "R1", "nickname": "x"}}"#, "person.nickname", "not a known field"),
      (
        #"{"person": {"id": "R1", "attendance": "high"}}"#, "person.attendance", "expected a number"
      ),
      (
        #"{"person": {"id": "R1", "open_to_service": 1}}"#, "person.open_to_service",
        "true or false"
      ),
      (
        #"{"person": {"id": "R1", "police_contacts": [{"date": "2025-03-01", "role": "boss"}]}}"#,
        "person.police_contacts[0].role", "'boss' is not one of suspect, victim, witness"
      ),
      (
        #"{"person": {"id": "R1", "police_contacts": [{"role": "suspect"}]}}"#,
        "person.police_contacts[0].date", "is required"
      ),
      (
        #"{"person": {"id": "R1"}, "links": [{"relation": "cousin", "person": {"id": "R2"}}]}"#,
        "links[0].relation", "not one of sibling, peer"
      ),
      (
        #"{"person": {"id": "R1"}, "links": [{"relation": "peer", "person": {"id": "R1"}}]}"#,
        "links[0].person.id", "not a known field"
      ),
    ] as [(String, String?, String)])
  func refusesABadRecordNamingTheField(json: String, field: String?, message: String)
    async throws
  {
    let fixture = try await ServiceFixture()
    defer { fixture.remove() }
    try await fixture.test { client in
      let response = try await Self.call(
        client, "/api/v1/score", as: "triage", method: .post, json: json)
      #expect(response.status == .badRequest, "\(json)")
      #expect(response.headers[.contentType] == "application/problem+json")
      let problem = try #require(
        try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any])
      #expect(problem["field"] as? String == field, "\(json)")
      #expect((problem["detail"] as? String)?.contains(message) == true, "\(problem)")
      #expect(problem["status"] as? Int == 400)
    }
  }

  @Test func sourcesLeftOutAreUnknownNotEmpty() async throws {
    let fixture = try await ServiceFixture()
    defer { fixture.remove() }
    let app = Application(router: fixture.router().build())
    let json = """
      {"as_of": "2025-04-01", "sources": ["school"],
       "person": {"id": "R4", "date_of_birth": "2010-06-01", "attendance": 80}}
      """
    try await app.test(.router) { client in
      let response = try await Self.call(
        client, "/api/v1/score", as: "triage", method: .post, json: json)
      #expect(response.status == .ok)
      let body = try #require(
        try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any])
      let explanation = try #require(body["explanation"] as? [String: Any])
      let missing = try #require(explanation["not_evaluated"] as? [[String: Any]]).compactMap {
        $0["id"] as? String
      }
      #expect(missing.contains("recent_suspect_contact"))
      let programmes = try #require(explanation["programmes"] as? [[String: Any]])
      #expect(programmes.first?["status"] as? String == "not_evaluated")
    }
  }

  @Test func anUnknownMethodIs405AndAnUnknownRoute404() async throws {
    let fixture = try await ServiceFixture()
    defer { fixture.remove() }
    let app = Application(router: fixture.router().build())
    try await app.test(.router) { client in
      let runs = try await Self.call(client, "/api/v1/runs", as: "triage", method: .delete)
      #expect(runs.status == .methodNotAllowed)
      #expect(runs.headers[.allow] == "GET")
      #expect(runs.headers[.contentType] == "application/problem+json")
      let decisions = try await Self.call(
        client, "/api/v1/people/A/decisions", as: "triage", method: .put)
      #expect(decisions.status == .methodNotAllowed)
      #expect(decisions.headers[.allow] == "GET, POST")
      let nowhere = try await Self.call(client, "/api/v1/nowhere", as: "triage")
      #expect(nowhere.status == .notFound)
      #expect(nowhere.headers[.contentType] == "application/problem+json")
      // Pages keep their HTML error page.
      let page = try await client.execute(uri: "/nowhere", method: .get)
      #expect(page.status == .notFound)
      #expect(page.headers[.contentType]?.hasPrefix("text/html") == true)
    }
  }

  /// Numbers at the ends of their types are scored and explained, not a crash (an evidence
  /// value of 1e308 once trapped converting to Int64).
  @Test func extremeNumbersAreScoredNotACrash() async throws {
    let fixture = try await ServiceFixture()
    defer { fixture.remove() }
    let app = Application(router: fixture.router().build())
    let json = """
      {"as_of": "9999-12-31", "person": {"id": "R5", "date_of_birth": "0001-01-01",
       "attendance": 1e308, "police_contacts": [{"date": "9999-12-31", "role": "suspect"}]}}
      """
    try await app.test(.router) { client in
      for body in [json, json.replacingOccurrences(of: "1e308", with: "-1.7976931348623157e308")] {
        let response = try await Self.call(
          client, "/api/v1/score", as: "triage", method: .post, json: body)
        #expect(response.status == .ok, "\(response.text)")
      }
    }
  }

  @Test func refusesAnOversizedBody() async throws {
    let fixture = try await ServiceFixture()
    defer { fixture.remove() }
    let app = Application(router: fixture.router().build())
    let big = #"{"person": {"id": "R1", "note": ""# + String(repeating: "x", count: 70_000) + "\"}}"
    try await app.test(.router) { client in
      let response = try await Self.call(
        client, "/api/v1/score", as: "triage", method: .post, json: big)
      #expect(response.status == .contentTooLarge)
      #expect(response.headers[.contentType] == "application/problem+json")
    }
  }

  @Test func aDecisionRecordedThroughTheAPIShowsInTheQueue() async throws {
    let fixture = try await ServiceFixture()
    defer { fixture.remove() }
    try await fixture.test { client in
      let bad = try await Self.call(
        client, "/api/v1/people/A/decisions", as: "lead", method: .post,
        json: #"{"programme": "pied", "kind": "maybe", "reason": "other"}"#)
      #expect(bad.status == .badRequest)
      #expect(bad.text.contains("\"field\":\"kind\""))
      let created = try await Self.call(
        client, "/api/v1/people/A/decisions", as: "lead", method: .post,
        json: #"{"programme": "pied", "kind": "accept", "reason": "meets_criteria", "note": "ok"}"#)
      #expect(created.status == .created)
      let queue = try await Self.call(client, "/api/v1/queues/pied", as: "lead")
      let body = try #require(
        try JSONSerialization.jsonObject(with: Data(buffer: queue.body)) as? [String: Any])
      let rows = try #require(body["rows"] as? [[String: Any]])
      let a = try #require(rows.first { $0["person_id"] as? String == "A" })
      let decision = try #require(a["decision"] as? [String: Any])
      #expect(decision["kind"] as? String == "accept")
      #expect(decision["user"] as? String == "lead")
    }
    let pages = try fixture.store.personReads(personID: "A").map(\.page)
    #expect(pages == ["api:decision:pied", "api:queue:pied"])
  }

  @Test func anotherSchoolsPupilIsNotFoundAndAudited() async throws {
    let fixture = try await ServiceFixture()
    defer { fixture.remove() }
    try await fixture.test { client in
      let response = try await Self.call(client, "/api/v1/people/B", as: "school")
      #expect(response.status == .notFound)
      #expect(!response.text.contains("South Academy"))
    }
    let reads = try fixture.store.personReads(personID: "B")
    #expect(reads.map(\.outcome) == [.refused])
    #expect(reads.first?.page == "api:person")
  }
}

/// The OpenAPI document the service serves describes exactly the API's routes.
@Suite struct OpenAPIDocumentTests {
  @Test func theServedDocumentAndTheRoutesAgree() async throws {
    let fixture = try await ServiceFixture()
    defer { fixture.remove() }
    let router = fixture.router().build()
    let routed = Set(
      router.routes.map { "\($0.method) /" + "\($0.path)".drop { $0 == "/" } }
        .filter { $0.contains(" /api/") })
    let served = try await Application(router: router).test(.router) { client in
      let response = try await client.execute(uri: "/api/v1/openapi.yaml", method: .get)
      #expect(response.status == .ok)
      return response.text
    }
    #expect(served == fixture.service.openAPIDocument())
    #expect(served != OpenAPIDocument.yaml)
    let (root, diagnostics) = YAMLParser.parse(SourceFile(path: "openapi.yaml", text: served))
    #expect(diagnostics.isEmpty)
    let top = try #require(root?.pairs)
    #expect(top.first { $0.keyText == "openapi" }?.value.scalar?.value == "3.1.0")
    let paths = try #require(top.first { $0.keyText == "paths" }?.value.pairs)
    var documented: Set<String> = []
    for path in paths {
      for operation in path.value.pairs ?? [] {
        documented.insert("\(operation.keyText.uppercased()) \(path.keyText)")
        let responses = operation.value.pairs?.first { $0.keyText == "responses" }?.value.pairs
        #expect(responses?.isEmpty == false, "\(path.keyText) documents its responses")
      }
    }
    // The served record is the serving pack's: each field and list, and nothing else.
    let components = try #require(top.first { $0.keyText == "components" }?.value.pairs)
    let schemas = try #require(components.first { $0.keyText == "schemas" }?.value.pairs)
    let record = try #require(schemas.first { $0.keyText == "PersonRecord" }?.value.pairs)
    let properties = try #require(record.first { $0.keyText == "properties" }?.value.pairs)
    let schema = fixture.service.scoring.scoring.pack.schema
    #expect(
      Set(properties.map(\.keyText))
        == Set(["id"] + schema.personFields.map(\.name) + schema.eventLists.map(\.name)))
    #expect(record.first { $0.keyText == "additionalProperties" }?.value.scalar?.value == "false")
    #expect(!routed.isEmpty)
    #expect(routed.subtracting(documented).isEmpty, "routes not documented")
    #expect(documented.subtracting(routed).isEmpty, "documented routes that do not exist")
  }
}
