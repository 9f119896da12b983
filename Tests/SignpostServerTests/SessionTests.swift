import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SignpostServer
import Testing

@Suite struct SessionTests {
  @Test func theSessionCookieIsHttpOnlySameSiteAndSecureBehindTLS() async throws {
    for secure in [true, false] {
      let fixture = try await ServiceFixture(secureCookies: secure)
      defer { fixture.remove() }
      try await fixture.browse { browser in
        let response = try await browser.signIn("triage")
        #expect(response.status == .seeOther)
        let cookie = try #require(
          response.headers[values: .setCookie].first { $0.hasPrefix("signpost_session=") })
        #expect(cookie.contains("HttpOnly"))
        #expect(cookie.contains("SameSite=Strict"))
        #expect(cookie.contains("Secure") == secure)
      }
    }
  }

  @Test func aWrongPasswordIsRefusedAndRepeatedFailuresAreThrottled() async throws {
    let fixture = try await ServiceFixture()
    defer { fixture.remove() }
    try await fixture.browse { browser in
      for _ in 0..<5 {
        let wrong = try await browser.signIn("triage", password: "guess")
        #expect(wrong.status == .unauthorized)
        #expect(wrong.text.contains("The user name or password is wrong."))
      }
      let throttled = try await browser.signIn("triage")
      #expect(throttled.status == .tooManyRequests)
      #expect(browser.cookies["signpost_session"] == nil)
      // Another account is not locked out by the first one's failures from another address.
      var other = Browser(browser.client)
      let fine = try await other.request("/login")
      let token = try #require(Browser.csrf(in: fine))
      let signedIn = try await other.request(
        "/login", method: .post,
        form: ["username": "lead", "password": ServiceFixture.password, "csrf": token],
        headers: [HTTPField.Name("X-Real-IP")!: "192.0.2.7"])
      #expect(signedIn.status == .seeOther)
    }
  }

  @Test func aSignInWithoutTheFormsTokenIsRefused() async throws {
    let fixture = try await ServiceFixture()
    defer { fixture.remove() }
    try await fixture.browse { browser in
      _ = try await browser.request("/login")
      let response = try await browser.request(
        "/login", method: .post,
        form: ["username": "triage", "password": ServiceFixture.password, "csrf": "forged"])
      #expect(response.status == .forbidden)
      #expect(browser.cookies["signpost_session"] == nil)
    }
  }

  @Test func signingOutEndsTheSession() async throws {
    let fixture = try await ServiceFixture()
    defer { fixture.remove() }
    try await fixture.browse(as: "triage") { browser in
      let session = try #require(browser.cookies["signpost_session"])
      let page = try await browser.request("/")
      #expect(page.status == .ok)
      let token = try #require(Browser.csrf(in: page))
      let out = try await browser.request("/logout", method: .post, form: ["csrf": token])
      #expect(out.status == .seeOther)
      // The old cookie no longer opens anything, even if a client kept it.
      browser.cookies["signpost_session"] = session
      let after = try await browser.request("/")
      #expect(after.status == .seeOther)
      #expect(after.headers[.location] == "/login")
    }
  }

  @Test func everyPageShowsThePackInUseAndMetricsNameNoPerson() async throws {
    let fixture = try await ServiceFixture()
    defer { fixture.remove() }
    try await fixture.browse { browser in
      let login = try await browser.request("/login")
      #expect(login.text.contains("Pack tiny 0.1.0"))
      #expect(login.text.contains(fixture.service.pack.shortHash))
      try await browser.signIn("admin")
      for uri in ["/", "/queues/pied", "/people/A", "/admin/users"] {
        let page = try await browser.request(uri)
        #expect(page.text.contains(fixture.service.pack.shortHash), "\(uri)")
        #expect(page.headers[.contentSecurityPolicy]?.contains("default-src 'none'") == true)
      }
      let metrics = try await browser.request("/metrics")
      #expect(metrics.text.contains("signpost_http_requests_total"))
      #expect(metrics.text.contains("signpost_http_request_duration_seconds"))
      #expect(metrics.text.contains("signpost_runs{status=\"complete\"} 2"))
      #expect(!metrics.text.contains("/people/A"))
    }
  }
}
