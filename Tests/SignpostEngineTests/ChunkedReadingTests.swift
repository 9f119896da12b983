import Foundation
import SignpostEngine
import SignpostRules
import SignpostSource
import SignpostTestSupport
import Testing

/// A file large enough to be read in several chunks at once, with a quoted line break in
/// every row (so most chunks guess their start wrongly and are read again), reads exactly as
/// it is written: every person in file order, every value, rejects at their own lines, and
/// the hash of the file's bytes.
@Test func aFileReadInManyChunksKeepsOrderLinesValuesAndHash() throws {
  let fixture = try PackFixture.councilPeople(
    """
    ward: { type: string, source: council }
    attendance: { type: double, source: council }
    """)
  defer { fixture.remove() }
  let rows = 60_000
  var text = "person_id,ward,attendance\n"
  var rejectedLines: [Int] = []
  for i in 0..<rows {
    // Row i starts on line 2 + 2i: its quoted ward spans two lines.
    let attendance = i % 997 == 0 ? "bad" : String(i % 100)
    if attendance == "bad" { rejectedLines.append(2 + 2 * i) }
    text += "P\(i),\"Ward \(i % 31)\nNorth, \"\"upper\"\"\",\(attendance)\n"
  }
  let bytes = Array(text.utf8)
  #expect(bytes.count > 2 << 20)  // several chunks of at least 256 KiB
  let result = try fixture.read(bytes: bytes, at: "people.csv")
  let kept = (0..<rows).filter { $0 % 997 != 0 }
  #expect(result.population.ids == kept.map { "P\($0)" })
  #expect(result.rejects.map(\.line) == rejectedLines)
  #expect(result.rejects.allSatisfy { $0.field == "attendance" })
  let ward = result.population.fields[0]
  let attendance = result.population.fields[1]
  for (p, i) in kept.enumerated() where i % 1_009 == 1 {
    #expect(ward.fieldValue(p) == .string("Ward \(i % 31)\nNorth, \"upper\""))
    #expect(attendance.fieldValue(p) == .double(Double(i % 100)))
  }
  var sha = SHA256()
  sha.update(bytes)
  let file = try #require(result.files.first)
  #expect(file.sha256 == sha.hexDigest())
  #expect(
    (file.rowsRead, file.rowsUsed, file.rowsRejected) == (rows, kept.count, rejectedLines.count))
}
