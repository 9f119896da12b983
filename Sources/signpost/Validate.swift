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

  @Flag(help: "Also list every expression's estimated steps per person, costliest first.")
  var cost = false

  func run() throws {
    let compiled = try compilePack(at: pack, format: format)
    if !compiled.warnings.isEmpty, format == .text {
      printError(DiagnosticRenderer.render(compiled.warnings))
    }
    let summary = PackSummary(compiled)
    switch format {
    case .text:
      print(summary.text)
      if cost { print(summary.costText) }
    case .json: print(summary.json(costs: cost))
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

  /// Each expression's estimated cost, costliest first, as `path:line:column: cost name`.
  var costText: String {
    let lines = sortedCosts.map { c in
      "\(c.file.path):\(c.location.line):\(c.location.column): \(c.cost) \(c.name)"
    }
    return (["estimated steps per person (limit \(CostEstimator.limit)):"] + lines)
      .joined(separator: "\n")
  }

  private var sortedCosts: [ExpressionCost] {
    pack.costs.sorted { ($0.cost, $1.name) > ($1.cost, $0.name) }
  }

  /// The summary for tools: `--format json`, with each expression's cost when `costs`.
  func json(costs: Bool = false) -> String {
    var bag = DiagnosticBag()
    bag.append(contentsOf: pack.warnings)
    let m = pack.manifest
    return JSONOutput.text(
      Report(
        id: m.id, version: m.version, valid: true, indicators: pack.indicators.count,
        domains: pack.scoring.domains.count, strata: pack.strata.count,
        programmes: pack.programmes.count, tests: pack.pack.tests.count, hash: pack.contentHash,
        warnings: bag.sorted, costLimit: costs ? CostEstimator.limit : nil,
        costs: costs
          ? sortedCosts.map { c in
            Report.Cost(
              name: c.name, path: c.file.path, line: c.location.line,
              column: c.location.column, cost: c.cost)
          } : nil))
  }

  /// What `validate --format json` prints.
  private struct Report: Encodable {
    struct Cost: Encodable {
      let name: String
      let path: String
      let line: Int
      let column: Int
      let cost: Int64
    }

    let id: String
    let version: String
    let valid: Bool
    let indicators: Int
    let domains: Int
    let strata: Int
    let programmes: Int
    let tests: Int
    let hash: String
    let warnings: [Diagnostic]
    let costLimit: Int64?
    let costs: [Cost]?

    enum CodingKeys: String, CodingKey {
      case id, version, valid, indicators, domains, strata, programmes, tests, hash, warnings
      case costLimit = "cost_limit"
      case costs
    }
  }
}
