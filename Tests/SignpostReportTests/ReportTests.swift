import Foundation
import SignpostEngine
import SignpostReport
import SignpostRules
import SignpostStore
import SignpostTestSupport
import Testing

@Suite struct ReportTests {
  /// The report of day 2 of ``TwoDays``, written to a file in `folder`.
  static func dayTwoReport(in folder: TemporaryFolder, day2: [String: String] = TwoDays.day2)
    throws -> (path: String, html: String)
  {
    let pack = try tinyPack()
    let store = try RunStore(path: folder.path + "/runs.sqlite")
    _ = try storeRun(
      store, pack: pack, folder: folder, name: "day1", files: TwoDays.day1, asOf: "2025-04-01")
    let second = try storeRun(
      store, pack: pack, folder: folder, name: "day2", files: day2, asOf: "2025-04-02")
    let content = ReportContent(
      run: second.run, runID: second.id, changes: try store.changes(runID: second.id))
    let html = HTMLRunReport.render(content)
    let path = folder.path + "/report.html"
    try html.write(toFile: path, atomically: true, encoding: .utf8)
    return (path, html)
  }

  @Test func theReportIsSelfContainedWithFourCharts() throws {
    let folder = try TemporaryFolder("signpost-report")
    defer { folder.remove() }
    let (_, html) = try Self.dayTwoReport(in: folder)
    for chart in ["bands", "referrals", "changes", "indicators"] {
      #expect(html.contains("<svg class=\"chart\" id=\"chart-\(chart)\""), "\(chart)")
    }
    // Nothing is loaded from elsewhere and nothing runs.
    #expect(!html.contains("<script"))
    #expect(!html.contains("src="))
    #expect(!html.contains("http://") || !html.contains("href=\"http"))
    #expect(!html.contains("https://"))
    // The new recommendation, with the reasons from its explanation.
    #expect(html.contains("<td><code>A</code></td><td class=\"num\">50</td>"))
    #expect(html.contains("Education: 20 points<ul><li>Attendance 85% is at or below 90% (+20)"))
    #expect(html.contains("1 police contacts as a suspect in the last 7 days, latest 2025-04-01"))
    #expect(html.contains("rank 1 of 2 eligible; 5 places"))
  }

  @Test func textFromTheDataIsEscaped() throws {
    let folder = try TemporaryFolder("signpost-report")
    defer { folder.remove() }
    var day2 = TwoDays.day2
    day2["people.csv", default: ""] += "\"<script>alert('x')</script>\",2010-06-01,50\n"
    let (_, html) = try Self.dayTwoReport(in: folder, day2: day2)
    #expect(!html.contains("<script>alert"))
    #expect(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"))
  }

  @Test(
    .tags(.long), .enabled(if: longTestsEnabled, "SIGNPOST_SKIP_LONG_TESTS=1"),
    .timeLimit(.minutes(10)))
  func theReportRendersInChromiumWithItsCharts() throws {
    let folder = try TemporaryFolder("signpost-report")
    defer { folder.remove() }
    let (path, _) = try Self.dayTwoReport(in: folder)
    try #require(
      Chromium.path != nil,
      "chromium is not installed (.ci/run installs Debian's chromium package)")

    let dom = Chromium.dumpDOM(path)
    #expect(dom.contains("Signpost run 2"), "chromium rendered nothing: \(dom.prefix(300))")
    for chart in ["bands", "referrals", "changes", "indicators"] {
      #expect(dom.contains("id=\"chart-\(chart)\""), "chart \(chart) not in the rendered DOM")
    }
    #expect(dom.components(separatedBy: "<rect").count - 1 >= 12, "too few bars drawn")
    for text in [
      "People per band", "Referrals per program", "Changes since run 1",
      "Most frequent indicators", "New recommendations", "persistent_absence", "De-escalated",
    ] {
      #expect(dom.contains(text), "\(text) not in the rendered DOM")
    }

    let png = folder.path + "/report.png"
    #expect(Chromium.screenshot(path, to: png, width: 1280, height: 1400))
    let data = try Data(contentsOf: URL(fileURLWithPath: png))
    #expect(data.starts(with: [0x89, 0x50, 0x4E, 0x47]), "not a PNG")
    guard let image = PNGColours.count(png) else {
      // Without python3 to decode it, a blank page still compresses to a few kilobytes.
      #expect(data.count > 30_000, "the screenshot looks blank")
      return
    }
    #expect(image.width == 1280)
    let total = image.colours.values.reduce(0, +)
    let white = image.colours["ffffff", default: 0]
    #expect(Double(white) < Double(total) * 0.97, "the screenshot is nearly blank")
    // The bars are painted in their colours: bands, referrals, changes, indicators.
    for (colour, what) in [
      ("c0392b", "high band / escalated"), ("e67e22", "medium band / new to a band"),
      ("2e86c1", "recommended"), ("7d3c98", "indicator"), ("27ae60", "no longer flagged"),
    ] {
      #expect(image.colours[colour, default: 0] > 50, "no \(what) bars (#\(colour)) painted")
    }
  }

  /// The tiny pack with the police domain capped at 25 (a suspect contact is 30 points) and a
  /// second programme that takes people with both an absence and a suspect contact.
  static func twoProgrammePack() throws -> CompiledPack {
    let fixture = try PackFixture(
      edits: [
        "scoring.yaml": replacing(
          "{ id: police, name: Police contact, cap: 40 }",
          with: "{ id: police, name: Police contact, cap: 25 }")
      ],
      files: [
        "programmes/mentoring.yaml": """
        id: mentoring
        name: Mentoring
        route: Youth service mentoring
        capacity: 5
        eligibility:
          - id: both
            description: Absent and in recent contact with the police
            when: indicators.persistent_absence && indicators.recent_suspect_contact

        """
      ])
    defer { fixture.remove() }
    return try fixture.compile().get()
  }

  @Test func aPersonRecommendedForTwoProgrammesIsListedOnceWithReasonsThatAddUp() throws {
    let folder = try TemporaryFolder("signpost-report")
    defer { folder.remove() }
    let pack = try Self.twoProgrammePack()
    let store = try RunStore(path: folder.path + "/runs.sqlite")
    _ = try storeRun(
      store, pack: pack, folder: folder, name: "day1", files: TwoDays.day1, asOf: "2025-04-01")
    let second = try storeRun(
      store, pack: pack, folder: folder, name: "day2", files: TwoDays.day2, asOf: "2025-04-02")
    let changes = try store.changes(runID: second.id)
    #expect(changes.recommendations.filter { $0.personID == "A" }.count == 2)
    let content = ReportContent(run: second.run, runID: second.id, changes: changes)
    let people = content.recommendations.map(\.personID)
    #expect(people == ["A"], "each person once: \(people)")
    let a = try #require(content.recommendations.first)
    #expect(
      a.programmes.map(\.id) == ["mentoring", "pied"]
        || a.programmes.map(\.id) == ["pied", "mentoring"])
    // 20 from education and 30 from police held to 25: the score is 45, and the headings say so.
    #expect(a.score == 45)
    #expect(
      a.reasons.map(\.heading) == [
        "Education: 20 points", "Police contact: 25 points (30 before the cap of 25)",
      ])
    #expect(a.reasons[1].items.first?.hasSuffix("(+30)") == true)
    let html = HTMLRunReport.render(content)
    #expect(html.components(separatedBy: "<td><code>A</code></td>").count - 1 == 1)
    #expect(html.contains("30 before the cap of 25"))
    #expect(html.contains("<strong>PIED</strong>") && html.contains("<strong>Mentoring</strong>"))

    // referrals.csv carries the band and the fired indicators (and a note, empty here: the
    // places left for a tie, or a listed person's note).
    let referrals = RunOutputs.referralsCSV(second.run)
    #expect(referrals.hasPrefix("programme,rank,person_id,score,band,status,fired,note\r\n"))
    #expect(
      referrals.contains(
        "pied,1,A,45,medium,recommended,persistent_absence;recent_suspect_contact,\r\n"))
  }
}
