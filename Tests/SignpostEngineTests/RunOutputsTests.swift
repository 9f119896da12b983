import Foundation
import SignpostRules
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
