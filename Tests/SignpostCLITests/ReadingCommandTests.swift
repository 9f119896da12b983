import Foundation
import SignpostTestSupport
import Testing

/// The real binary on inputs that cannot be read, and `inspect`'s threshold.
@Suite struct ReadingCommandTests {
  @Test func scoreOnAMissingOrEmptyInputFolderExitsNonZero() throws {
    let temp = try TemporaryFolder("signpost-reading")
    defer { temp.remove() }
    let empty = try temp.write("empty", [:])
    for input in [temp.path + "/nonexistent", empty] {
      let outcome = try SignpostBinary.run(
        ["score", "--pack", tinyPackPath, "--input", input, "--out", temp.path + "/out"],
        in: temp.path)
      #expect(outcome.status != 0, "score --input \(input) exited 0")
      #expect(
        outcome.stderr.contains("the input folder does not exist")
          || outcome.stderr.contains("no file here is one the pack reads"))
    }
  }

  @Test func scoreOnAnEmptyOrHeaderOnlyPersonTableExitsNonZeroAndWritesNothing() throws {
    let temp = try TemporaryFolder("signpost-reading")
    defer { temp.remove() }
    let cases = [
      ("", "people.csv: error: the file has no header line"),
      ("person_id,date_of_birth,attendance\n", "error: no person was read"),
    ]
    for (n, (people, message)) in cases.enumerated() {
      let input = try temp.write("in-\(n)", ["people.csv": people])
      let out = temp.path + "/out-\(n)"
      let outcome = try SignpostBinary.run(
        ["score", "--pack", tinyPackPath, "--input", input, "--out", out], in: temp.path)
      #expect(outcome.status != 0, "score exited 0 on people.csv \(people.debugDescription)")
      #expect(outcome.stderr.contains(message), "\(outcome.stderr)")
      #expect(!FileManager.default.fileExists(atPath: out + "/scores.csv"))
    }
  }

  @Test func inspectFailsOverAThresholdOfLostRows() throws {
    let temp = try TemporaryFolder("signpost-reading")
    defer { temp.remove() }
    let input = try temp.write(
      "in",
      [
        "people.csv": "person_id,date_of_birth,attendance\nP1,2010-01-01,90\nP2,2010-13-01,80\n",
        "social_care.csv": "person_id,open_to_service\nP1,true\n",
      ])
    let strict = try SignpostBinary.run(
      ["inspect", "--pack", tinyPackPath, "--input", input, "--fail-over", "5%"], in: temp.path)
    #expect(strict.status == 2)
    #expect(strict.stderr.contains("people.csv would lose 1 of 2 rows"))
    let lenient = try SignpostBinary.run(
      ["inspect", "--pack", tinyPackPath, "--input", input, "--fail-over", "60%"], in: temp.path)
    #expect(lenient.status == 0)
  }
}
