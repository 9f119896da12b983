import Benchmark
import Foundation
import SignpostEngine
import SignpostRules
import SignpostSynth

/// The repository root: this file is `Benchmarks/SignpostBenchmarks/SignpostBenchmarks.swift`.
private let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
  .deletingLastPathComponent().deletingLastPathComponent()

private let asOf = PackDate(daysSinceEpoch: 20_179)  // 2025-04-01

/// The default pack, compiled.
private func wigan() throws -> CompiledPack {
  try PackCompiler.compile(directory: repository.appendingPathComponent("rules/wigan").path).get()
}

/// Synthetic extracts of `people` young people (and their families), written once per run of
/// the suite into a temporary folder.
private func extracts(people: Int) throws -> String {
  let directory = FileManager.default.temporaryDirectory
    .appendingPathComponent("signpost-benchmark-\(people)")
  if !FileManager.default.fileExists(atPath: directory.appendingPathComponent("people.csv").path) {
    let schema = try wigan().schema
    _ = try SyntheticExtract.generate(
      schema: schema,
      configuration: SynthConfiguration(people: people, seed: 7, asOf: asOf, badRows: 0),
      to: directory.path)
  }
  return directory.path
}

/// The Wigan pack with, beside each event list's tidy table, a table on `events.csv` with
/// `where: { type: <list> }` (as Benchmarks/compare/one_events.py --pack writes it).
private func oneEventsPack() throws -> CompiledPack {
  let directory = FileManager.default.temporaryDirectory
    .appendingPathComponent("signpost-benchmark-wigan-one-events")
  try? FileManager.default.removeItem(at: directory)
  try FileManager.default.copyItem(
    at: repository.appendingPathComponent("rules/wigan"), to: directory)
  let schema = directory.appendingPathComponent("schema.yaml")
  var text = try String(contentsOf: schema, encoding: .utf8)
  for list in try wigan().schema.eventLists.map(\.name) {
    let tidy = "      - { kind: events, list: \(list), path: \(list).csv }\n"
    text = text.replacingOccurrences(
      of: tidy,
      with: tidy
        + "      - { kind: events, list: \(list), path: events.csv, where: { type: \(list) } }\n")
  }
  try text.write(to: schema, atomically: true, encoding: .utf8)
  return try PackCompiler.compile(directory: directory.path).get()
}

/// The same extracts in the one-events-file shape (as Benchmarks/compare/one_events.py
/// writes it): the person tables and links as they are, every event in one `events.csv` told
/// apart by `type`, the other lists' columns empty.
private func oneEventsExtracts(people: Int) throws -> String {
  let tidy = try extracts(people: people)
  let directory = FileManager.default.temporaryDirectory
    .appendingPathComponent("signpost-benchmark-\(people)-one-events")
  let events = directory.appendingPathComponent("events.csv")
  guard !FileManager.default.fileExists(atPath: events.path) else { return directory.path }
  try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
  for table in ["people", "pupils", "social_care", "links"] {
    try? FileManager.default.removeItem(at: directory.appendingPathComponent("\(table).csv"))
    try FileManager.default.copyItem(
      atPath: tidy + "/\(table).csv", toPath: directory.appendingPathComponent("\(table).csv").path)
  }
  let lists = try wigan().schema.eventLists
  let fields = lists.flatMap { $0.fields.map(\.name) }.reduce(into: [String]()) {
    if !$0.contains($1) { $0.append($1) }
  }
  let columns = ["person_id", "type", "date"] + fields
  var out = columns.joined(separator: ",") + "\n"
  for list in lists {
    let text = try String(contentsOfFile: tidy + "/\(list.name).csv", encoding: .utf8)
    var lines = text.split(separator: "\n", omittingEmptySubsequences: true).makeIterator()
    guard let header = lines.next()?.split(separator: ",", omittingEmptySubsequences: false)
    else { continue }
    let positions = columns.map { name in header.firstIndex { $0 == name } }
    while let line = lines.next() {
      let cells = line.split(separator: ",", omittingEmptySubsequences: false)
      out +=
        columns.indices.map { c in
          c == 1 ? list.name : positions[c].map { String(cells[$0]) } ?? ""
        }.joined(separator: ",") + "\n"
    }
  }
  try out.write(to: events, atomically: true, encoding: .utf8)
  return directory.path
}

let benchmarks: @Sendable () -> Void = {
  Benchmark.defaultConfiguration = .init(
    metrics: [.wallClock, .cpuTotal, .peakMemoryResident, .mallocCountTotal],
    maxDuration: .seconds(20), maxIterations: 20)

  Benchmark("Compile the Wigan pack") { benchmark in
    for _ in benchmark.scaledIterations {
      blackHole(try wigan())
    }
  }

  Benchmark("Explain one person (100k population)") {
    (benchmark, input: (run: ScoringRun, people: [Int])) in
    for p in benchmark.scaledIterations {
      let person = input.people[p % input.people.count]
      blackHole(Explanation(input.run.result(for: person), in: input.run).text)
    }
  } setup: {
    let run = try ScoringRun.run(
      pack: wigan(), inputDirectory: extracts(people: 100_000), asOf: asOf)
    return (run: run, people: run.scoredIndices)
  }

  // Reading alone: files to columns, ledger included, on both shapes.
  for people in [100_000, 1_000_000] {
    for (shape, folder, pack) in [
      ("tidy", extracts, wigan), ("one events file", oneEventsExtracts, oneEventsPack),
    ] {
      Benchmark(
        "Read \(people / 1000)k people, \(shape)",
        configuration: .init(maxIterations: people > 100_000 ? 5 : 10)
      ) { benchmark, input in
        for _ in benchmark.scaledIterations {
          blackHole(try ExtractReader(pack: input.pack, directory: input.directory).read())
        }
      } setup: {
        (pack: try pack(), directory: try folder(people))
      }
    }
  }

  // Evaluation alone (the flat plan over the columns, scoring and programme decisions): the
  // extract is read once, before the measurement.
  for people in [100_000, 1_000_000] {
    Benchmark(
      "Evaluate \(people / 1000)k people, fast engine",
      configuration: .init(maxIterations: people > 100_000 ? 5 : 10)
    ) { (benchmark, input: (pack: CompiledPack, population: Population)) in
      for _ in benchmark.scaledIterations {
        blackHole(
          FastEvaluator(pack: input.pack, population: input.population, asOf: asOf).evaluate())
      }
    } setup: {
      let pack = try wigan()
      let read = try ExtractReader(pack: pack, directory: try extracts(people: people)).read()
      return (pack: pack, population: read.population)
    }
  }

  for people in [100_000, 1_000_000] {
    Benchmark(
      "Score \(people / 1000)k people, read to outputs",
      configuration: .init(maxIterations: people > 100_000 ? 3 : 10)
    ) { benchmark, input in
      for _ in benchmark.scaledIterations {
        let run = try ScoringRun.run(pack: input.pack, inputDirectory: input.directory, asOf: asOf)
        blackHole(RunOutputs.scoresCSV(run))
        blackHole(RunOutputs.referralsCSV(run))
      }
    } setup: {
      (pack: try wigan(), directory: try extracts(people: people))
    }
  }
}
