import SignpostSource

/// Collects the diagnostics of ``YAMLMappingReader``s. It is a reference, so that a reader and
/// the readers it hands out for nested mappings report into one list.
public final class YAMLDiagnosticSink {
  public private(set) var diagnostics: [Diagnostic] = []

  public init() {}

  /// Whether any error (not warning) has been reported.
  public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }

  public func report(_ diagnostic: Diagnostic) {
    diagnostics.append(diagnostic)
  }
}
