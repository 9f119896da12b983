import ArgumentParser
import Foundation
import SignpostEngine
import SignpostFairness
import SignpostReport
import SignpostRules

/// `signpost docs PACK --out DIR`: the pack's public record.
struct Docs: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Write a rule pack's public record: a static page and Markdown.",
    discussion: """
      Writes DIR/index.html (one self-contained page: inline CSS and SVG, no scripts) and \
      DIR/record.md, in the shape of the Algorithmic Transparency Recording Standard: \
      summary, owner, rationale, human oversight, the scoring, each indicator with its rule \
      in words and as written, points, look-back and basis, each programme, each data source \
      with its legal gateway and retention, risks and the latest fairness figures (from \
      --summary, a run's summary.json), the test cases and coverage, and the changes since \
      --previous (the previous version's folder). Exit status: 0 written; 1 a pack does not \
      compile; 7 the files could not be written; 4 the summary cannot be read.
      """)

  @Argument(help: "The rule pack folder.", completion: .directory)
  var pack: String

  @Option(help: "The folder to write index.html and record.md to.", completion: .directory)
  var out: String

  @Option(help: "A run's summary.json, for the latest fairness figures.", completion: .file())
  var summary: String?

  @Option(help: "The previous version of the pack, for the changes since.", completion: .directory)
  var previous: String?

  func run() throws {
    let compiled = try compilePack(at: pack)
    let before = try previous.map { try compilePack(at: $0) }
    let measures = try summary.map { try SummarySource(summary: $0).measures(command: "docs") }
    let record = PackRecord(
      pack: compiled, tests: PackTestRunner.run(compiled), measures: measures, previous: before)
    do {
      try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
      try record.html.write(toFile: out + "/index.html", atomically: true, encoding: .utf8)
      try record.markdown.write(toFile: out + "/record.md", atomically: true, encoding: .utf8)
    } catch {
      printError("error: the record could not be written to \(out): \(error)")
      throw RunExit.outputsNotWritten
    }
    print(
      "wrote \(out)/index.html and \(out)/record.md for \(compiled.manifest.id) \(compiled.manifest.version)"
    )
  }
}
