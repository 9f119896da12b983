/// The results of one conformance file, with counts and a text rendering.
public struct FileReport: Sendable {
  /// The file's path as given on the command line.
  public var path: String
  public var results: [CaseResult]

  public init(path: String, results: [CaseResult]) {
    self.path = path
    self.results = results
  }

  public var passed: Int { results.count { $0.outcome == .passed } }
  public var failed: Int {
    results.count {
      if case .failed = $0.outcome { return true } else { return false }
    }
  }
  public var skipped: Int {
    results.count {
      if case .skipped = $0.outcome { return true } else { return false }
    }
  }

  /// `N passed, N failed, N skipped`.
  public static func summary(passed: Int, failed: Int, skipped: Int) -> String {
    "\(passed) passed, \(failed) failed, \(skipped) skipped"
  }

  /// The report: a header line with the counts, then each failure (test, expression,
  /// expected and actual) and each skip with its reason; passes too when `verbose`.
  public func render(verbose: Bool = false) -> String {
    var lines = [
      "\(path): " + Self.summary(passed: passed, failed: failed, skipped: skipped)
    ]
    for result in results {
      let name = "\(result.test.section)/\(result.test.name)"
      switch result.outcome {
      case .passed:
        if verbose { lines.append("  PASS \(name)") }
      case .failed(let expected, let actual):
        lines.append("  FAIL \(name)")
        lines.append("    expr:     \(Self.escaped(result.test.expression))")
        lines.append("    expected: \(expected)")
        lines.append("    actual:   \(actual)")
      case .skipped(let reason):
        lines.append("  SKIP \(name): \(reason)")
      }
    }
    return lines.joined(separator: "\n")
  }

  /// `text` on one line: line breaks and other control characters escaped.
  static func escaped(_ text: String) -> String {
    var result = ""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\n": result += "\\n"
      case "\r": result += "\\r"
      case "\t": result += "\\t"
      case _ where scalar.value < 0x20 || scalar.value == 0x7F:
        let hex = String(scalar.value, radix: 16)
        result += "\\x" + (hex.count == 1 ? "0" : "") + hex
      default: result.unicodeScalars.append(scalar)
      }
    }
    return result
  }
}
