import Foundation
import SignpostRules
import SignpostSource
import SignpostTestSupport
import Testing

@testable import SignpostEngine

/// The outputs written as a stream: the same bytes however the people are chunked, the
/// checkpoint halfway through each file, and nothing left behind by a write that fails.
@Suite struct RunOutputsTests {
  static func fairRun() throws -> ScoringRun {
    let pack = try PackCompiler.compile(
      directory: fixtures.appendingPathComponent("packs/fair").path
    ).get()
    return try ScoringRun.run(
      pack: pack, inputDirectory: fixtures.appendingPathComponent("extracts/fair").path,
      asOf: try date("2025-04-01"))
  }

  static func contents(_ path: String) throws -> [UInt8] {
    Array(try Data(contentsOf: URL(fileURLWithPath: path)))
  }

  @Test func thePerPersonFilesAreTheSameBytesHoweverThePeopleAreChunked() throws {
    let run = try Self.fairRun()
    let folder = try TemporaryFolder("signpost-outputs")
    defer { folder.remove() }
    // 1805 people: one chunk, chunks that do not divide them, and one person a chunk.
    for size in [5000, 100, 7, 1] {
      try RunOutputs.write(run, to: folder.path + "/\(size)", peoplePerChunk: size) { _ in }
    }
    for file in ["scores.csv", "scores.ndjson"] {
      let whole = try Self.contents(folder.path + "/5000/" + file)
      for size in [100, 7, 1] {
        #expect(try Self.contents(folder.path + "/\(size)/" + file) == whole, "\(file) by \(size)")
      }
    }
    #expect(try Self.contents(folder.path + "/7/scores.csv") == RunOutputs.scoresCSV(run))
    #expect(try Self.contents(folder.path + "/7/scores.ndjson") == RunOutputs.scoresNDJSON(run))
    // Every scored person once, in input order.
    let lines = String(decoding: RunOutputs.scoresCSV(run), as: UTF8.self)
      .split(separator: "\r\n")
    #expect(lines.first == "person_id,score,band,points_education,fired,not_evaluated")
    #expect(
      lines.dropFirst().map { String($0.prefix { $0 != "," }) } == run.scoredIndices.map(run.id))
    #expect(lines.count == run.scoredCount + 1)
  }

  @Test func idsThatNeedQuotingOrEscapingAreWrittenAsCSVTextAndJSONTextWriteThem() throws {
    let folder = try TemporaryFolder("signpost-outputs")
    defer { folder.remove() }
    let people = try String(
      contentsOf: fixtures.appendingPathComponent("extracts/fair/people.csv"), encoding: .utf8
    ).split(separator: "\n").map(String.init)
    // Each needs something of one format or the other: a comma, a quote, a backslash, a
    // would-be formula, non-ASCII text; the last is plain.
    let ids = ["comma,id", "quote\"id", #"back\slash"#, "=1+2", "-7", "ünïcode", "plain"]
    let quoted = ids.map { CSVText.field($0, safe: false) }
    var rows = [people[0]]
    for (n, line) in people.dropFirst().prefix(ids.count).enumerated() {
      rows.append(quoted[n] + line.drop { $0 != "," })
    }
    try FileManager.default.createDirectory(
      atPath: folder.path + "/in", withIntermediateDirectories: true)
    try (rows.joined(separator: "\n") + "\n").write(
      toFile: folder.path + "/in/people.csv", atomically: true, encoding: .utf8)
    let pack = try PackCompiler.compile(
      directory: fixtures.appendingPathComponent("packs/fair").path
    ).get()
    let run = try ScoringRun.run(
      pack: pack, inputDirectory: folder.path + "/in", asOf: try date("2025-04-01"))
    #expect(run.read.population.ids == ids)
    let csv = Array(
      String(decoding: RunOutputs.scoresCSV(run), as: UTF8.self).split(separator: "\r\n")
        .dropFirst())
    let json = String(decoding: RunOutputs.scoresNDJSON(run), as: UTF8.self)
      .split(separator: "\n")
    #expect(csv.count == ids.count && json.count == ids.count)
    for (n, id) in ids.enumerated() where n < csv.count && n < json.count {
      #expect(csv[n].hasPrefix(CSVText.field(id, safe: true) + ","), "\(csv[n])")
      #expect(json[n].hasPrefix(#"{"id":"# + JSONText.string(id) + ","), "\(json[n])")
    }
    #expect(csv.count > 3 && csv[3].hasPrefix(#""'=1+2","#))
    #expect(json.count > 1 && json[1].hasPrefix(#"{"id":"quote\"id","#))
  }

  @Test func theSummaryWrittenTimesTheWritingOfTheOutputs() throws {
    let run = try Self.fairRun()
    let folder = try TemporaryFolder("signpost-outputs")
    defer { folder.remove() }
    let summary = try RunOutputs.write(run, to: folder.path)
    let written = try #require(summary.writeSeconds)
    #expect(written > 0)
    #expect(summary.timings.map(\.phase) == ["read", "evaluate", "allocate", "digests", "write"])
    let json = String(decoding: try Self.contents(folder.path + "/summary.json"), as: UTF8.self)
    let timings = try #require(json.split(separator: "\n").first { $0.contains("timings_seconds") })
    #expect(timings.contains(#""write":\#(RunSummary.seconds(written))"#), "\(timings)")
    // Everything but the timings is the summary of the run as any caller makes it.
    let others = RunSummary(run).json.split(separator: "\n").filter { !$0.contains("timings") }
    #expect(json.split(separator: "\n").filter { !$0.contains("timings") } == others)
    #expect(!RunSummary(run).json.contains(#""write""#))
  }

  @Test func theCheckpointComesHalfwayThroughEachFileAndAThrowLeavesThatFileOut() throws {
    let run = try Self.fairRun()
    let folder = try TemporaryFolder("signpost-outputs")
    defer { folder.remove() }
    let out = folder.path + "/out"
    var reached: [String] = []
    struct Stop: Error {}
    #expect(throws: Stop.self) {
      try RunOutputs.write(run, to: out, peoplePerChunk: 100) { name in
        reached.append(name)
        if name == "outputs.scores.ndjson" { throw Stop() }
      }
    }
    #expect(reached == ["outputs.scores.csv", "outputs.scores.ndjson"])
    #expect(try FileManager.default.contentsOfDirectory(atPath: out) == ["scores.csv"])
    #expect(try Self.contents(out + "/scores.csv") == RunOutputs.scoresCSV(run))
  }

  @Test func aStreamedFileThatFailsLeavesNothingAndKeepsTheFileItWouldReplace() throws {
    let folder = try TemporaryFolder("signpost-outputs")
    defer { folder.remove() }
    let path = folder.path + "/scores.csv"
    struct Stop: Error {}
    #expect(throws: Stop.self) {
      try OwnerOnly.write(to: path) { file in
        try file.write(Array("half a file".utf8))
        throw Stop()
      }
    }
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
    try OwnerOnly.write(to: path) { file in
      try file.write(Array("a whole ".utf8))
      try file.write(Array("file".utf8))
    }
    #expect(throws: Stop.self) {
      try OwnerOnly.write(to: path) { file in
        try file.write(Array("another".utf8))
        throw Stop()
      }
    }
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["scores.csv"])
    #expect(try Self.contents(path) == Array("a whole file".utf8))
    let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
    #expect(mode == 0o600)
  }

  @Test func aFileWrittenDirectlyHasEveryByteWhateverItsLengthAndPieces() throws {
    let folder = try TemporaryFolder("signpost-direct")
    defer { folder.remove() }
    let block = OwnerOnly.FileOutput.directAlignment
    let staging = OwnerOnly.FileOutput.stagingSize
    // Around a block and around the buffer that gathers whole blocks.
    let lengths = [
      0, 1, block - 1, block, block + 1, staging - 1, staging, staging + block + 3,
      2 * staging + 5,
    ]
    let longest = (0..<(lengths.max() ?? 0)).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 >> 9) }
    for length in lengths {
      let bytes = Array(longest.prefix(length))
      let path = folder.path + "/\(length).csv"
      let file = try OwnerOnly.UnnamedFile(path, direct: true)
      // In pieces of uneven lengths, none aligned.
      var offset = 0
      var piece = 1
      while offset < length {
        let end = min(length, offset + piece)
        try file.output.write(Array(bytes[offset..<end]))
        offset = end
        piece = piece * 3 + 7
      }
      try file.name()
      #expect(try Self.contents(path) == bytes, "\(length) bytes")
      let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
      #expect(mode == 0o600)
    }
    #expect(
      try FileManager.default.contentsOfDirectory(atPath: folder.path).count == lengths.count)
  }

  @Test func chunksComeInOrderAndNoWorkerGetsMoreThanTheWindowAhead() {
    let taken = LockedCount()
    let ahead = LockedCount()
    let builder = OrderedChunks(count: 200, workers: 3, window: 4) { chunk in
      let lead = chunk - taken.withLock { $0 }
      ahead.withLock { $0 = max($0, lead) }
      // Later chunks are quicker, so they would overtake the earlier ones unless held back.
      usleep(UInt32(chunk % 3 == 0 ? 300 : 0))
      return [UInt8(chunk % 256), UInt8(chunk / 256)]
    }
    var order: [Int] = []
    for _ in 0..<200 {
      let bytes = builder.take()
      order.append(Int(bytes[0]) + 256 * Int(bytes[1]))
      taken.withLock { $0 += 1 }
    }
    builder.finish()
    #expect(order == Array(0..<200))
    // Claimed while the consumer had taken `taken` chunks, so at most the window ahead.
    #expect(ahead.withLock { $0 } <= 4)
  }

  @Test func aConsumerThatStopsEarlyStopsTheWorkers() {
    let built = LockedCount()
    let builder = OrderedChunks(count: 10_000, workers: 2, window: 4) { chunk in
      built.withLock { $0 += 1 }
      return [UInt8(chunk % 256)]
    }
    #expect(builder.take() == [0])
    #expect(builder.take() == [1])
    builder.finish()
    #expect(built.withLock { $0 } <= 2 + 4)
  }
}

/// A count that threads share.
private final class LockedCount: @unchecked Sendable {
  private let lock = NSLock()
  private var value = 0

  func withLock<T>(_ body: (inout Int) -> T) -> T {
    lock.lock()
    defer { lock.unlock() }
    return body(&value)
  }
}
