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
