import Foundation
import SignpostTestSupport
import Testing

/// The triage service in a real browser: the `signpost serve` executable over a nightly run of
/// the Wigan sample, with the documented trial accounts (`samples/serve/signpost.yaml`), and
/// headless Chromium signing in, opening a queue and a person, recording a decision, and
/// finding it in the queue and in the audit. A screenshot of each page is kept in
/// `.build/browser-screenshots/` (or `SIGNPOST_SCREENSHOTS`); the test prints the folder.
@Suite(.serialized, .tags(.long), .enabled(if: longTestsEnabled))
struct BrowserTests {
  static let repository = repositoryRoot

  /// Where the screenshots go: kept after the test, never committed (`.build` is ignored).
  static let screenshots =
    ProcessInfo.processInfo.environment["SIGNPOST_SCREENSHOTS"]
    ?? repository.appendingPathComponent(".build/browser-screenshots").path

  /// The trial configuration with its pack and extracts in the repository, its store and
  /// outputs in `folder`, on `port`; then the first nightly run over it.
  static func setUp(port: Int) throws -> TemporaryFolder {
    let folder = try TemporaryFolder("signpost-browser")
    let sample = repository.appendingPathComponent("samples/serve").path
    let config = try String(contentsOfFile: sample + "/signpost.yaml", encoding: .utf8)
      .replacingOccurrences(
        of: "pack: ../../rules/wigan",
        with: "pack: " + repository.appendingPathComponent("rules/wigan").path
      )
      .replacingOccurrences(
        of: "input: ../wigan",
        with: "input: " + repository.appendingPathComponent("samples/wigan").path
      )
      .replacingOccurrences(of: "port: 8080", with: "port: \(port)")
    #expect(config.contains("port: \(port)") && !config.contains("../"), "the sample changed")
    try config.write(toFile: folder.path + "/signpost.yaml", atomically: true, encoding: .utf8)
    try FileManager.default.copyItem(
      atPath: sample + "/session.key", toPath: folder.path + "/session.key")
    let run = try SignpostBinary.run(["run", "--config", "signpost.yaml"], in: folder.path)
    #expect(run.status == 0, "\(run.stderr)")
    return folder
  }

  @Test func signInOpenAQueueAndAPersonRecordADecisionAndFindItInTheQueueAndTheAudit()
    async throws
  {
    _ = try WebDriver.requireExecutables()
    let port = Int.random(in: 20_000..<40_000)
    let folder = try Self.setUp(port: port)
    defer { folder.remove() }
    let server = try await ServeCommandTests.Server.start(
      in: folder, port: port, config: "signpost.yaml")
    defer {
      server.process.terminate()
      server.process.waitUntilExit()
    }
    try? FileManager.default.removeItem(atPath: Self.screenshots)
    try FileManager.default.createDirectory(
      atPath: Self.screenshots, withIntermediateDirectories: true)
    print("browser test: screenshots in \(Self.screenshots)")

    let browser = try WebDriver()
    do {
      try walkThrough(browser, site: "http://127.0.0.1:\(port)")
    } catch {
      Issue.record("the walk-through stopped: \(error); service log:\n\(server.stderr)")
    }
    browser.quit()
    let taken = try FileManager.default.contentsOfDirectory(atPath: Self.screenshots).sorted()
    #expect(taken.count == 8, "\(taken)")
  }

  /// Each step as a person takes it, with a screenshot of each page.
  private func walkThrough(_ browser: WebDriver, site: String) throws {
    var shot = 0
    func screenshot(_ name: String) throws {
      shot += 1
      try browser.screenshot(
        to: Self.screenshots + "/" + String(format: "%02d-%@.png", shot, name))
    }

    try browser.open(site + "/")
    #expect(
      try browser.currentURL(becoming: site + "/login") == site + "/login",
      "no session: the sign-in page")
    try screenshot("sign-in")
    try signIn(browser, as: "triage", site: site)
    let run = try browser.mainText()
    #expect(run.contains("Signed in as triage") == false, "the header is not in main")
    #expect(run.contains("Headline counts"))
    try screenshot("latest-run")

    try browser.click("a[href='/queues/early_help']")
    #expect(
      try browser.currentURL(becoming: site + "/queues/early_help") == site + "/queues/early_help")
    let queue = try browser.mainText()
    #expect(queue.contains("Early Help queue") || queue.contains("queue"))
    try screenshot("queue")

    try browser.click("table a[href^='/people/']")
    _ = try browser.element("a[href*='/decisions/new']")  // the person's page has loaded
    let personURL = try browser.currentURL()
    #expect(personURL.hasPrefix(site + "/people/"))
    let personID = String(personURL.dropFirst((site + "/people/").count))
    let person = try browser.mainText()
    #expect(person.contains("Explanation"))
    #expect(person.contains("No decision recorded yet."))
    try screenshot("person")

    try browser.click("a[href='/people/\(personID)/decisions/new?programme=early_help']")
    try browser.click("#kind-accept")
    try browser.click("#reason option[value='meets_criteria']")
    try browser.type("Discussed at the Family Hub triage meeting.", into: "#note")
    try screenshot("decision-form")
    try browser.click("form[action$='/decisions'] button[type='submit']")
    #expect(
      try browser.currentURL(becoming: personURL) == personURL, "back to the person after deciding")
    let decided = try browser.mainText()
    #expect(decided.contains("Discussed at the Family Hub triage meeting."))
    #expect(decided.contains("Accept"))
    #expect(!decided.contains("No decision recorded yet."))
    try screenshot("person-decided")

    try browser.open(site + "/queues/early_help")
    let row = try browser.mainText().split(separator: "\n").first {
      $0.contains(personID)
    }
    #expect(row?.contains("Accept") == true, "the queue shows the decision: \(row ?? "no row")")
    try screenshot("queue-decided")

    try browser.click("header form button[type='submit']")  // sign out
    try signIn(browser, as: "admin", site: site)
    try browser.open(site + "/admin/users")
    try browser.type(personID, into: "#person")
    try browser.click("form[action='/admin/audit'] button[type='submit']")
    let auditURL = site + "/admin/audit?person=\(personID)"
    #expect(try browser.currentURL(becoming: auditURL) == auditURL)
    let audit = try browser.mainText()
    #expect(audit.contains("triage"))
    #expect(audit.contains("queue:early_help"))
    #expect(audit.contains("decision:early_help"))
    #expect(audit.contains("accept"))
    try screenshot("audit")
  }

  /// Signs in and waits for the latest run's page (a bcrypt check takes seconds in a debug
  /// build on a busy machine).
  private func signIn(_ browser: WebDriver, as user: String, site: String) throws {
    try browser.type(user, into: "#username")
    try browser.type("signpost-demo", into: "#password")
    try browser.click("form[action='/login'] button[type='submit']")
    #expect(try browser.currentURL(becoming: site + "/") == site + "/", "\(user) signed in")
  }
}
