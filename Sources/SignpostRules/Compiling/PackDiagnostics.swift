import SignpostCEL
import SignpostSource

/// The catalogue of the pack compiler's diagnostics, with stable ids.
enum PackDiagnostics {
  static func duplicateIndicator(_ indicator: Indicator, first: Indicator) -> Diagnostic {
    Diagnostic(
      id: .packDuplicateIndicator, message: "indicator '\(indicator.id)' is defined twice",
      file: indicator.file, at: indicator.location,
      notes: ["first defined at \(first.file.path):\(first.location)"])
  }

  static func duplicateProgramme(_ programme: Programme, first: Programme) -> Diagnostic {
    Diagnostic(
      id: .packDuplicateProgramme, message: "programme '\(programme.id)' is defined twice",
      file: programme.file, at: programme.location,
      notes: ["first defined at \(first.file.path):\(first.location)"])
  }

  static func reservedName(
    _ name: String, _ what: String, _ reason: String, file: SourceFile?,
    at location: SourceLocation
  ) -> Diagnostic {
    Diagnostic(
      id: .packReservedName,
      message: "\(what) '\(name)' uses a reserved name: \(reason); choose another name",
      file: file, at: location)
  }

  static func tooManyValues(
    _ name: String, _ what: String, count: Int, limit: Int, file: SourceFile?,
    at location: SourceLocation
  ) -> Diagnostic {
    Diagnostic(
      id: .packTooManyValues,
      message: "\(what) '\(name)' has \(count) enum values; at most \(limit) are allowed",
      file: file, at: location,
      notes: ["a field with this many values is better declared as a string"])
  }

  static func unknownDomain(_ indicator: Indicator, known: [String]) -> Diagnostic {
    Diagnostic(
      id: .packUnknownDomain,
      message: "indicator '\(indicator.id)' names unknown domain '\(indicator.domain)'"
        + Suggestions.didYouMean(indicator.domain, in: known),
      file: indicator.file, at: indicator.domainLocation,
      notes: ["domains are declared in scoring.yaml: \(known.joined(separator: ", "))"])
  }

  static func zeroPoints(_ indicator: Indicator) -> Diagnostic {
    Diagnostic(
      id: .packPoints,
      message: "indicator '\(indicator.id)' has 0 points; give it a weight or remove it",
      file: indicator.file, at: indicator.pointsLocation ?? indicator.location,
      notes: [
        "an indicator shown as context only may have 0 points in a domain whose cap is 0"
      ])
  }

  static func unknownPlaceholder(_ name: String, in indicator: Indicator) -> Diagnostic {
    let names = indicator.evidence.map(\.name)
    return Diagnostic(
      id: .packUnknownPlaceholder,
      message: "description of '\(indicator.id)' uses {\(name)}, which is not an evidence value"
        + Suggestions.didYouMean(name, in: names),
      file: indicator.file, at: indicator.descriptionLocation,
      notes: names.isEmpty
        ? ["declare it under 'evidence:' with the expression that computes it"]
        : ["evidence values: \(names.joined(separator: ", "))"])
  }

  static func priorityNotNumeric(
    _ programme: Programme, type: CELType, at expression: PackExpression
  )
    -> Diagnostic
  {
    Diagnostic(
      id: .packPriorityType,
      message: "priority of programme '\(programme.id)' must be a number, found \(type)",
      file: expression.source.file, at: expression.location)
  }

  static func cycle(_ path: [Indicator], throughNetwork: Bool) -> Diagnostic {
    let names = (path + path.prefix(1)).map { "'\($0.id)'" }.joined(separator: " -> ")
    let first = path[0]
    let message =
      throughNetwork
      ? "network rules would need iteration: indicators read each other through linked persons: \(names)"
      : "indicators depend on each other in a cycle: \(names)"
    return Diagnostic(
      id: throughNetwork ? .packNetworkIteration : .packIndicatorCycle, message: message,
      file: first.file, at: first.location,
      notes: path.map { "'\($0.id)' is defined at \($0.file.path):\($0.location)" })
  }

  static func tooCostly(
    _ name: String, _ blame: CostEstimator.Blame, at expression: PackExpression, offset: Int
  ) -> Diagnostic {
    func count(_ n: Int64) -> String { n == .max ? "more than \(Int64.max)" : String(n) }
    let message =
      blame.cost > CostEstimator.limit
      ? "\(name) may take \(count(blame.cost)) steps per person, over the limit of \(CostEstimator.limit)"
      : "\(name) may build \(count(blame.elements)) list elements per person, over the limit of \(CostEstimator.elementLimit)"
    return Diagnostic(
      id: .packCostLimit, message: message, file: expression.source.file,
      at: expression.source.locate(offset),
      notes: [
        "each comprehension repeats its body once per element (a list read from data counts as \(CostEstimator.listBound)); `signpost validate --cost` shows every estimate"
      ])
  }
}
