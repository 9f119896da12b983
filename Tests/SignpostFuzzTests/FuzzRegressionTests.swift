import Foundation
import FuzzSupport
import SignpostFuzz
import Testing

/// The fuzz targets, by the name of their folders under `Fuzz/corpus` and `Fuzz/regressions`.
let fuzzTargets: [String: @Sendable (UnsafeRawBufferPointer) -> Void] = [
  "yaml": FuzzTargets.yaml, "cel": FuzzTargets.cel, "pack": FuzzTargets.pack,
  "reader": FuzzTargets.reader,
]

let fuzzFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
  .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fuzz")

/// Every seed and every input a fuzzer once crashed on runs through its target again; a crash
/// ends the test process, so reaching the end is the assertion, and the count shows they ran.
@Test(arguments: ["yaml", "cel", "pack", "reader"])
func fuzzSeedsAndRegressionsRunWithoutACrash(_ target: String) throws {
  let body = try #require(fuzzTargets[target])
  var inputs = 0
  for kind in ["corpus", "regressions"] {
    for file in FuzzCorpus.files(at: fuzzFolder.appendingPathComponent("\(kind)/\(target)").path) {
      let data = try Data(contentsOf: URL(fileURLWithPath: file))
      data.withUnsafeBytes { body($0) }
      inputs += 1
    }
  }
  #expect(inputs >= 2)
}
