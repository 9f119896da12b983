/// Collects the diagnostics of one or more phases so that all of them are reported in one go.
public struct DiagnosticBag: Sendable {
  public private(set) var diagnostics: [Diagnostic] = []

  public init() {}

  /// Whether any error (not warning) has been collected.
  public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }

  public mutating func append(_ diagnostic: Diagnostic) {
    diagnostics.append(diagnostic)
  }

  public mutating func append(contentsOf other: some Sequence<Diagnostic>) {
    diagnostics.append(contentsOf: other)
  }

  /// The diagnostics sorted by file path, then position, without exact repeats.
  public var sorted: [Diagnostic] {
    var seen = Set<Diagnostic>()
    let unique = diagnostics.filter { seen.insert($0).inserted }
    return unique.enumerated().sorted { a, b in
      let pa = a.element.file?.path ?? ""
      let pb = b.element.file?.path ?? ""
      if pa != pb { return pa < pb }
      let la = a.element.range?.start ?? SourceLocation(line: 0, column: 0)
      let lb = b.element.range?.start ?? SourceLocation(line: 0, column: 0)
      if la != lb { return la < lb }
      return a.offset < b.offset
    }.map(\.element)
  }
}
