import Foundation
import Hummingbird
import HummingbirdTesting
import SignpostEngine
import SignpostServer
import SignpostStore
import Testing

@Suite struct DecisionFlowTests {
  @Test func aDecisionShowsInTheQueueThePersonTheExportAndTheAudit() async throws {
    let fixture = try await ServiceFixture()
    defer { fixture.remove() }
    try await fixture.browse(as: "triage") { browser in
      let before = try await browser.request("/queues/pied")
      #expect(before.text.contains("No decision yet"))
      let form = try await browser.request("/people/A/decisions/new?programme=pied")
      #expect(form.status == .ok)
      let token = try #require(Browser.csrf(in: form))
      let posted = try await browser.request(
        "/people/A/decisions", method: .post,
        form: [
          "csrf": token, "programme": "pied", "kind": "accept", "reason": "meets_criteria",
          "note": "=HYPERLINK(\"x\") <b>agreed</b>",
        ])
      #expect(posted.status == .seeOther)
      #expect(posted.headers[.location] == "/people/A")

      let queue = try await browser.request("/queues/pied")
      #expect(queue.text.contains("Accept (20"))
      let person = try await browser.request("/people/A")
      #expect(person.text.contains("Meets the programme&#39;s criteria"))
      // The note is escaped on the page, never markup.
      #expect(person.text.contains("&lt;b&gt;agreed&lt;/b&gt;"))
      #expect(!person.text.contains("<b>agreed</b>"))

      let csv = try await browser.request("/queues/pied/accepted.csv")
      #expect(csv.status == .ok)
      #expect(csv.headers[.contentType] == "text/csv; charset=utf-8")
      let lines = csv.text.split(separator: "\r\n")
      #expect(lines.count == 2)
      #expect(lines[1].dropFirst(2).hasPrefix("A,high,50,recommended,"))
      // A formula in a cell is neutralised.
      #expect(lines[1].hasSuffix(",\"'=HYPERLINK(\"\"x\"\") <b>agreed</b>\""))

      let metrics = try await browser.request("/metrics")
      #expect(metrics.text.contains("signpost_decisions_total{kind=\"accept\"} 1"))
    }
    let decisions = try fixture.store.decisions(personID: "A")
    #expect(decisions.count == 1)
    #expect(decisions.first?.user == "triage")
    #expect(decisions.first?.runID == 2)
    #expect(decisions.first?.packHash == fixture.service.pack.hash)
    let audit = try fixture.store.personAudit(personID: "A")
    #expect(
      audit.reads.map(\.page) == [
        "queue:pied", "decision:pied", "decision:pied", "queue:pied", "person", "export:pied",
      ])
    #expect(audit.text.contains("decided  triage  pied: accept, meets_criteria  run 2"))
    // The audit page spells the decision in its stored words, as the CLI's audit does.
    try await fixture.browse(as: "admin") { admin in
      let page = try await admin.request("/admin/audit?person=A")
      #expect(page.text.contains("<td>pied</td><td>accept</td><td>meets_criteria</td>"))
    }
  }

  @Test func anAdminSeesWhoLookedAtAPersonAndTheAccounts() async throws {
    let fixture = try await ServiceFixture()
    defer { fixture.remove() }
    try await fixture.test { client in
      var school = Browser(client)
      try await school.signIn("school")
      _ = try await school.request("/people/B")
      var admin = Browser(client)
      try await admin.signIn("admin")
      let audit = try await admin.request("/admin/audit?person=B")
      #expect(audit.status == .ok)
      #expect(
        audit.text.contains(
          "<td>school</td><td>school</td><td>person</td><td>2</td><td>refused</td>"))
      let users = try await admin.request("/admin/users")
      #expect(users.text.contains("<td>school</td><td>school</td><td>North High</td>"))
      #expect(users.text.contains("<td>lead</td><td>programme_lead</td><td>pied</td>"))
    }
    // Reading the audit is not itself a read of the person's data.
    #expect(try fixture.store.personReads(personID: "B").map(\.user) == ["school"])
  }

  @Test func aFormWithoutItsTokenIsRefusedAndNothingIsStored() async throws {
    let fixture = try await ServiceFixture()
    defer { fixture.remove() }
    try await fixture.browse(as: "triage") { browser in
      let decision = ["programme": "pied", "kind": "accept", "reason": "meets_criteria"]
      let missing = try await browser.request("/people/A/decisions", method: .post, form: decision)
      #expect(missing.status == .forbidden)
      let forged = try await browser.request(
        "/people/A/decisions", method: .post, form: decision.merging(["csrf": "00"]) { $1 })
      #expect(forged.status == .forbidden)
    }
    #expect(try fixture.store.decisions(personID: "A").isEmpty)
  }

  @Test func aDecisionWithoutAReasonIsShownAgainWithTheProblem() async throws {
    let fixture = try await ServiceFixture()
    defer { fixture.remove() }
    try await fixture.browse(as: "lead") { browser in
      let form = try await browser.request("/people/C/decisions/new?programme=pied")
      let token = try #require(Browser.csrf(in: form))
      let response = try await browser.request(
        "/people/C/decisions", method: .post,
        form: ["csrf": token, "programme": "pied", "kind": "decline", "note": "kept"])
      #expect(response.status == .badRequest)
      #expect(response.text.contains("choose a reason from the list"))
      #expect(response.text.contains("value=\"decline\" required checked"))
      #expect(response.text.contains(">kept</textarea>"))
    }
    #expect(try fixture.store.decisions(personID: "C").isEmpty)
  }

  @Test func queueFiltersAndSchoolScope() async throws {
    let fixture = try await ServiceFixture()
    defer { fixture.remove() }
    let triage = try fixture.user("triage")
    let all = try fixture.service.queue("pied", filter: QueueFilter(), for: triage)
    #expect(
      all.rows.map(\.personID) == ["A", "B", "C"] || all.rows.map(\.personID) == ["B", "A", "C"])
    #expect(all.rows.filter(\.isNew).map(\.personID).sorted() == ["A", "C"])
    let newOnly = try fixture.service.queue("pied", filter: QueueFilter(newOnly: true), for: triage)
    #expect(newOnly.rows.map(\.personID).sorted() == ["A", "C"])
    #expect(newOnly.hidden == 1)
    let medium = try fixture.service.queue("pied", filter: QueueFilter(band: "medium"), for: triage)
    #expect(medium.rows.map(\.personID) == ["C"])
    let bryn = try fixture.service.queue("pied", filter: QueueFilter(ward: "Bryn"), for: triage)
    #expect(bryn.rows.map(\.personID) == ["B"])
    let school = try fixture.service.queue(
      "pied", filter: QueueFilter(), for: fixture.user("school"))
    #expect(school.rows.map(\.personID).sorted() == ["A", "C"])
    #expect(school.rows.allSatisfy { $0.school == "North High" })
    let row = try #require(all.rows.first { $0.personID == "A" })
    #expect(row.reason == "recent_suspect_contact (30), persistent_absence (20)")
  }

  @Test func thePersonPageGivesTheExplanationAndBandsAcrossRuns() async throws {
    let fixture = try await ServiceFixture()
    defer { fixture.remove() }
    let person = try fixture.service.person("A", for: fixture.user("triage"))
    let scoring = fixture.service.scoring.scoring
    let index = try #require(scoring.read.population.index(of: "A"))
    #expect(person.explanation == Explanation(scoring.result(for: index), in: scoring).text)
    #expect(person.bands.map(\.band) == ["medium", "high"])
    #expect(person.referrals.map(\.programmeID) == ["pied"])
  }

  @Test func readinessFollowsTheLatestRunsResults() async throws {
    let fixture = try await ServiceFixture()
    defer { fixture.remove() }
    #expect(fixture.service.isReady())
    _ = try fixture.store.purge(before: .distantFuture, user: "test")
    #expect(!fixture.service.isReady())
    try await fixture.test { client in
      let response = try await client.execute(uri: "/ready", method: .get)
      #expect(response.status == .serviceUnavailable)
    }
  }
}
