import ArgumentParser
import SignpostRules
import SignpostSource

/// `signpost validate PACK`: compile a pack and report every problem.
struct Validate: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Check a rule pack: YAML, schema, every expression and the indicator graph.",
    discussion: "Exit status 0 when the pack compiles; otherwise every diagnostic and 1.")

  @Argument(help: "The rule pack folder.", completion: .directory)
  var pack: String

  @Option(help: "Diagnostics as text or json.")
  var format: OutputFormat = .text

  func run() throws {
    let compiled = try compilePack(at: pack, format: format)
    if !compiled.warnings.isEmpty, format == .text {
      printError(DiagnosticRenderer.render(compiled.warnings))
    }
    let summary = PackSummary(compiled)
    switch format {
    case .text: print(summary.text)
    case .json: print(summary.json)
    }
  }
}

/// A one-paragraph description of a compiled pack.
struct PackSummary {
  let pack: CompiledPack

  init(_ pack: CompiledPack) {
    self.pack = pack
  }

  var text: String {
    let m = pack.manifest
    return """
      \(m.id) \(m.version) is valid: \(pack.indicators.count) indicators in \
      \(pack.scoring.domains.count) domains (\(pack.strata.count) strata), \
      \(pack.programmes.count) programmes, \(pack.pack.tests.count) test cases
      content hash \(pack.contentHash)
      """
  }

  var json: String {
    let m = pack.manifest
    return """
      {"id":"\(m.id)","version":"\(m.version)","valid":true,"indicators":\(pack.indicators.count),\
      "domains":\(pack.scoring.domains.count),"strata":\(pack.strata.count),\
      "programmes":\(pack.programmes.count),"tests":\(pack.pack.tests.count),\
      "hash":"\(pack.contentHash)","warnings":\(DiagnosticRenderer.renderJSON(pack.warnings))}
      """
  }
}
