import Foundation
import SignpostTestSupport
import Testing

/// `signpost docs`: the fair pack's public record, with the fairness figures of a stored run
/// and the changes since an earlier version, through the real executable.
@Suite struct DocsCommandTests {
  /// A stored run of the fair pack, an earlier version of the pack (10 points, 50 places, a
  /// wider range) and the record written from them.
  static func record() throws -> TemporaryFolder {
    let folder = try ResponsibleUseCommandTests.storedRun()
    try ResponsibleUseCommandTests.fairPackCopy(
      at: folder.path + "/previous",
      edits: [
        ("indicators/education.yaml", "points: 20", "points: 10"),
        ("programmes/support.yaml", "capacity: 10000", "capacity: 50"),
        ("fairness.yaml", "low: 0.8, high: 1.25", "low: 0.5, high: 2"),
        ("pack.yaml", "version: 1.0.0", "version: 0.9.0"),
      ])
    let docs = try SignpostBinary.run(
      [
        "docs", fixtures.appendingPathComponent("packs/fair").path, "--out", "record",
        "--summary", "output/run-1/summary.json", "--previous", "previous",
      ], in: folder.path)
    #expect(docs.status == 0, "\(docs.stderr)")
    #expect(docs.stdout.contains("wrote record/index.html and record/record.md for fair 1.0.0"))
    return folder
  }

  @Test func theRecordHoldsEachPartOfTheStandard() throws {
    let folder = try Self.record()
    defer { folder.remove() }
    let markdown = try String(contentsOfFile: folder.path + "/record/record.md", encoding: .utf8)
    for heading in [
      "## Tier 1: summary", "## 1. Owner and responsibility", "## 2. Description and rationale",
      "## 3. Decision-making process and human oversight", "## 4. How the tool works",
      "## 5. Data", "## 6. Risks, mitigations and fairness", "## 7. Testing",
      "## 8. Changes since the previous version",
    ] {
      #expect(markdown.contains("\n" + heading + "\n"), "\(heading)")
    }
    #expect(
      markdown.contains(
        "| `persistent_absence` | education | Attendance {attendance}% is at or below 90% | `attendance <= 90.0` where `attendance` = `person.attendance` | 20 | current values | DfE persistent absence, 10% or more of sessions missed |"
      ))
    #expect(
      markdown.contains(
        "| `school` | The school census | Education Act 1996 s.175 (safeguarding) | not stated in the pack (set by the data-sharing agreement) | date_of_birth, sex, ward, attendance |"
      ))
    #expect(markdown.contains("| **Places per run** | 10000 |"))
    #expect(markdown.contains("- 1 test cases: 1 pass, 0 fail.\n"))
    #expect(markdown.contains("Measured by: protected sex; context ward, age_group."))
    #expect(markdown.contains("From the run of pack fair 1.0.0 ("))
    #expect(markdown.contains("  band flagged by ward: north 3.92 (3.23-4.76)\n"))
    #expect(markdown.contains("Since 0.9.0 ("))
    for change in [
      "- indicator persistent_absence: points 10 → 20\n",
      "- programme support: capacity 50 → 10000\n",
      "- fairness range 0.5...2.0 → 0.8...1.25\n",
    ] {
      #expect(markdown.contains(change), "\(change)")
    }
    #expect(!markdown.contains("north1"), "no person id in the public record")
  }

  @Test func aPackThatDoesNotCompileWritesNoRecord() throws {
    let folder = try TemporaryFolder("signpost-docs")
    defer { folder.remove() }
    let docs = try SignpostBinary.run(["docs", "missing-pack", "--out", "record"], in: folder.path)
    #expect(docs.status == 1)
    #expect(!FileManager.default.fileExists(atPath: folder.path + "/record"))
  }

  @Test(
    .tags(.long), .enabled(if: longTestsEnabled, "SIGNPOST_SKIP_LONG_TESTS=1"),
    .timeLimit(.minutes(10)))
  func theRecordRendersInChromium() throws {
    try #require(
      Chromium.path != nil,
      "chromium is not installed (.ci/run installs Debian's chromium package)")
    let folder = try Self.record()
    defer { folder.remove() }
    let dom = Chromium.dumpDOM(folder.path + "/record/index.html")
    #expect(dom.contains("<h1>Fairness test pack: algorithmic transparency record</h1>"))
    for anchor in [
      "summary", "owner", "rationale", "oversight", "logic", "data", "risks", "testing", "changes",
    ] {
      #expect(dom.contains("<a href=\"#\(anchor)\">"), "\(anchor) in the contents")
      #expect(dom.contains("id=\"\(anchor)\""), "\(anchor) section")
    }
    #expect(dom.contains("id=\"chart-fairness\""))
    #expect(dom.contains("<code>attendance &lt;= 90.0</code>"))
  }
}
