import Hummingbird
import HummingbirdTesting
import SignpostServer
import SignpostStore
import Testing

/// Every route × every role → the status it must get.
@Suite struct AuthorizationMatrixTests {
  /// One route of the matrix and the status each user gets; `nil` is the signed-out visitor.
  struct Case: Sendable, CustomStringConvertible {
    var method: HTTPRequest.Method
    var uri: String
    var form: [String: String]?
    var expected: [String?: HTTPResponse.Status]
    var description: String { "\(method) \(uri)" }
  }

  static let users: [String?] = [nil, "admin", "triage", "lead", "lead-other", "school", "analyst"]

  static func statuses(
    signedOut: HTTPResponse.Status = .seeOther, admin: HTTPResponse.Status,
    triage: HTTPResponse.Status, lead: HTTPResponse.Status, leadOther: HTTPResponse.Status,
    school: HTTPResponse.Status, analyst: HTTPResponse.Status
  ) -> [String?: HTTPResponse.Status] {
    [
      nil: signedOut, "admin": admin, "triage": triage, "lead": lead, "lead-other": leadOther,
      "school": school, "analyst": analyst,
    ]
  }

  static let decision = ["programme": "pied", "kind": "defer", "reason": "more_information"]

  static let cases: [Case] = [
    Case(
      method: .get, uri: "/health",
      expected: statuses(
        signedOut: .ok, admin: .ok, triage: .ok, lead: .ok, leadOther: .ok, school: .ok,
        analyst: .ok)),
    Case(
      method: .get, uri: "/ready",
      expected: statuses(
        signedOut: .ok, admin: .ok, triage: .ok, lead: .ok, leadOther: .ok, school: .ok,
        analyst: .ok)),
    Case(
      method: .get, uri: "/metrics",
      expected: statuses(
        signedOut: .ok, admin: .ok, triage: .ok, lead: .ok, leadOther: .ok, school: .ok,
        analyst: .ok)),
    Case(
      method: .get, uri: "/",
      expected: statuses(
        admin: .ok, triage: .ok, lead: .ok, leadOther: .ok, school: .ok, analyst: .ok)),
    Case(
      method: .get, uri: "/queues/pied",
      expected: statuses(
        admin: .ok, triage: .ok, lead: .ok, leadOther: .forbidden, school: .ok,
        analyst: .forbidden)),
    Case(
      method: .get, uri: "/queues/nope",
      expected: statuses(
        admin: .notFound, triage: .notFound, lead: .forbidden, leadOther: .forbidden,
        school: .notFound, analyst: .forbidden)),
    Case(
      method: .get, uri: "/queues/pied/accepted.csv",
      expected: statuses(
        admin: .ok, triage: .ok, lead: .ok, leadOther: .forbidden, school: .forbidden,
        analyst: .forbidden)),
    // A: North High, referred to PIED.
    Case(
      method: .get, uri: "/people/A",
      expected: statuses(
        admin: .ok, triage: .ok, lead: .ok, leadOther: .notFound, school: .ok,
        analyst: .forbidden)),
    // B: another school's pupil, referred to PIED.
    Case(
      method: .get, uri: "/people/B",
      expected: statuses(
        admin: .ok, triage: .ok, lead: .ok, leadOther: .notFound, school: .notFound,
        analyst: .forbidden)),
    // D: North High, in no queue.
    Case(
      method: .get, uri: "/people/D",
      expected: statuses(
        admin: .ok, triage: .ok, lead: .notFound, leadOther: .notFound, school: .ok,
        analyst: .forbidden)),
    Case(
      method: .get, uri: "/people/nobody",
      expected: statuses(
        admin: .notFound, triage: .notFound, lead: .notFound, leadOther: .notFound,
        school: .notFound, analyst: .forbidden)),
    Case(
      method: .get, uri: "/people/A/decisions/new?programme=pied",
      expected: statuses(
        admin: .ok, triage: .ok, lead: .ok, leadOther: .forbidden, school: .forbidden,
        analyst: .forbidden)),
    Case(
      method: .get, uri: "/people/D/decisions/new?programme=pied",
      expected: statuses(
        admin: .notFound, triage: .notFound, lead: .notFound, leadOther: .forbidden,
        school: .forbidden, analyst: .forbidden)),
    Case(
      method: .post, uri: "/people/A/decisions", form: decision,
      expected: statuses(
        admin: .seeOther, triage: .seeOther, lead: .seeOther, leadOther: .forbidden,
        school: .forbidden, analyst: .forbidden)),
    Case(
      method: .get, uri: "/admin/users",
      expected: statuses(
        admin: .ok, triage: .forbidden, lead: .forbidden, leadOther: .forbidden,
        school: .forbidden, analyst: .forbidden)),
    Case(
      method: .get, uri: "/admin/audit?person=A",
      expected: statuses(
        admin: .ok, triage: .forbidden, lead: .forbidden, leadOther: .forbidden,
        school: .forbidden, analyst: .forbidden)),
    Case(
      method: .post, uri: "/admin/pack", form: [:],
      expected: statuses(
        admin: .ok, triage: .forbidden, lead: .forbidden, leadOther: .forbidden,
        school: .forbidden, analyst: .forbidden)),
  ]

  @Test func everyRouteForEveryRole() async throws {
    let fixture = try await ServiceFixture()
    defer { fixture.remove() }
    try await fixture.test { client in
      for user in Self.users {
        var browser = Browser(client)
        if let user {
          let signIn = try await browser.signIn(user)
          #expect(signIn.status == .seeOther, "\(user) signs in")
        }
        for testCase in Self.cases {
          var form = testCase.form
          if form != nil {
            let page = try await browser.request("/")
            form?["csrf"] = Browser.csrf(in: page) ?? ""
          }
          let response = try await browser.request(
            testCase.uri, method: testCase.method, form: form)
          let expected = try #require(testCase.expected[user])
          #expect(
            response.status == expected,
            "\(testCase) as \(user ?? "signed out"): \(response.status), expected \(expected)")
        }
      }
    }
  }

  @Test func anotherSchoolsPupilIsNotFoundAndAudited() async throws {
    let fixture = try await ServiceFixture()
    defer { fixture.remove() }
    try await fixture.browse(as: "school") { browser in
      let response = try await browser.request("/people/B")
      #expect(response.status == .notFound)
      #expect(!response.text.contains("South Academy"))
      let own = try await browser.request("/people/A")
      #expect(own.status == .ok)
    }
    let reads = try fixture.store.personReads(personID: "B")
    #expect(reads.count == 1)
    #expect(reads.first?.user == "school")
    #expect(reads.first?.outcome == .refused)
    #expect(reads.first?.page == "person")
    let shown = try fixture.store.personReads(personID: "A")
    #expect(shown.map(\.outcome) == [.shown])
  }
}
