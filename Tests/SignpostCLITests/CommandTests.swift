import Foundation
import SignpostTestSupport
import Testing

/// The pack commands, run as the real built binary on the tiny fixtures: `validate`, `test`,
/// `inspect`, `score`, `explain` and `synth`.
@Suite struct CommandTests {
  @Test func validatePrintsASummaryAndJSONThroughAnEncoder() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let text = try SignpostBinary.run(["validate", tinyPackPath], in: folder.path)
    #expect(text.status == 0, "\(text.stderr)")
    #expect(text.stdout.hasPrefix("tiny 0.1.0 is valid: "), "\(text.stdout)")

    // A version with a quote and a backslash is escaped, not written into the JSON as it is.
    let fixture = try PackFixture(edits: [
      "pack.yaml": replacing("version: 0.1.0\n", with: "version: '0.1\"x\\\\y'\n")
    ])
    defer { fixture.remove() }
    let json = try SignpostBinary.run(
      ["validate", fixture.directory.path, "--format", "json"], in: folder.path)
    #expect(json.status == 0, "\(json.stderr)")
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any],
      "not a JSON object: \(json.stdout)")
    #expect(object["id"] as? String == "tiny")
    #expect(object["version"] as? String == "0.1\"x\\\\y")
    #expect(object["valid"] as? Bool == true)
    #expect(json.stdout.contains(#""version":"0.1\"x\\\\y""#), "\(json.stdout)")

    // An id that is not one is an error, listed as JSON with the id escaped in the message.
    let badID = try PackFixture(edits: [
      "pack.yaml": replacing("id: tiny\n", with: "id: 'ti\"ny'\n")
    ])
    defer { badID.remove() }
    let refused = try SignpostBinary.run(
      ["validate", badID.directory.path, "--format", "json"], in: folder.path)
    #expect(refused.status == 1)
    let errors = try #require(
      try JSONSerialization.jsonObject(with: Data(refused.stdout.utf8)) as? [[String: Any]],
      "not a JSON array: \(refused.stdout)")
    #expect(errors.first?["id"] as? String == "pack.id")
    #expect((errors.first?["message"] as? String)?.contains("'ti\"ny'") == true)
  }

  @Test func validateJSONListsTheErrorsOfABrokenPack() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let fixture = try PackFixture(edits: [
      "indicators/education.yaml": replacing("domain: education", with: "domain: educaton")
    ])
    defer { fixture.remove() }
    let result = try SignpostBinary.run(
      ["validate", fixture.directory.path, "--format", "json"], in: folder.path)
    #expect(result.status == 1)
    let errors = try #require(
      try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
    let first = try #require(errors.first)
    #expect(first["severity"] as? String == "error")
    #expect((first["message"] as? String)?.contains("unknown domain 'educaton'") == true)
    #expect(first["line"] as? Int == 3)
    #expect((first["file"] as? String)?.hasSuffix("indicators/education.yaml") == true)
  }

  @Test func testRunsThePacksCasesAndFailsOnAWrongExpectation() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let passing = try SignpostBinary.run(["test", tinyPackPath], in: folder.path)
    #expect(passing.status == 0, "\(passing.stdout)\(passing.stderr)")
    #expect(passing.stdout.contains(" passed, 0 failed"), "\(passing.stdout)")

    let fixture = try PackFixture(edits: [
      "tests/cases.yaml": replacing("      score: 50\n", with: "      score: 49\n")
    ])
    defer { fixture.remove() }
    let failing = try SignpostBinary.run(["test", fixture.directory.path], in: folder.path)
    #expect(failing.status == 1)
    #expect(failing.stdout.contains("FAIL"), "\(failing.stdout)")
    #expect(failing.stdout.contains("recent suspect contact is referred to PIED"))
  }

  @Test func inspectScoreAndExplainReadTheSameExtract() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let input = fixtures.appendingPathComponent("extracts/tiny").path
    let inspect = try SignpostBinary.run(
      ["inspect", "--pack", tinyPackPath, "--input", input], in: folder.path)
    #expect(inspect.status == 0, "\(inspect.stderr)")
    #expect(inspect.stdout.contains("people.csv"), "\(inspect.stdout)")

    let score = try SignpostBinary.run(
      ["score", "--pack", tinyPackPath, "--input", input, "--as-of", "2025-04-01", "--out", "out"],
      in: folder.path)
    #expect(score.status == 0, "\(score.stderr)")
    for file in ["scores.csv", "scores.ndjson", "referrals.csv", "rejects.csv", "summary.json"] {
      #expect(FileManager.default.fileExists(atPath: folder.path + "/out/" + file), "\(file)")
    }
    let referrals = try String(contentsOfFile: folder.path + "/out/referrals.csv", encoding: .utf8)
    let first = try #require(referrals.split(separator: "\r\n").dropFirst().first)
    let person = String(first.split(separator: ",")[2])

    let explain = try SignpostBinary.run(
      [
        "explain", "--pack", tinyPackPath, "--input", input, "--as-of", "2025-04-01", "--id",
        person,
      ],
      in: folder.path)
    #expect(explain.status == 0, "\(explain.stderr)")
    #expect(explain.stdout.contains(person), "\(explain.stdout)")
    #expect(explain.stdout.contains("pied") || explain.stdout.contains("PIED"), "\(explain.stdout)")
  }

  @Test func synthWritesTheSameFilesForTheSameSeed() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let pack = repositoryRoot.appendingPathComponent("rules/wigan").path
    for out in ["a", "b"] {
      let result = try SignpostBinary.run(
        [
          "synth", "--people", "150", "--seed", "7", "--as-of", "2025-04-01", "--pack", pack,
          "--out", out,
        ], in: folder.path)
      #expect(result.status == 0, "\(result.stderr)")
      #expect(result.stdout.hasPrefix("wrote "), "\(result.stdout)")
    }
    let a = try contents(of: folder.url.appendingPathComponent("a"))
    let b = try contents(of: folder.url.appendingPathComponent("b"))
    #expect(!a.isEmpty)
    #expect(a.map(\.name) == b.map(\.name))
    #expect(a.map(\.data) == b.map(\.data))
    #expect(a.contains { $0.name == "synth-manifest.json" })
  }
}
