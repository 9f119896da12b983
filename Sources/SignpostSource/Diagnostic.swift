/// One message about an input: an error or a warning, at a place in a file.
///
/// Diagnostics are values: phases collect them into a ``DiagnosticBag`` and one renderer
/// prints them, as text for a terminal or as JSON for tools.
public struct Diagnostic: Sendable, Hashable, Error {
  public enum Severity: String, Sendable, Hashable, Codable {
    case error
    case warning
    case note
  }

  /// A stable identifier from the phase's catalogue, such as `yaml.duplicate-key`.
  public var id: DiagnosticID
  public var severity: Severity
  public var message: String
  /// The file the diagnostic is about; `nil` for a diagnostic about no particular file.
  public var file: SourceFile?
  public var range: SourceRange?
  /// Further lines printed after the message, each prefixed with `note:`.
  public var notes: [String]

  public init(
    id: DiagnosticID, severity: Severity = .error, message: String, file: SourceFile? = nil,
    range: SourceRange? = nil, notes: [String] = []
  ) {
    self.id = id
    self.severity = severity
    self.message = message
    self.file = file
    self.range = range
    self.notes = notes
  }

  /// Creates a diagnostic at a single location.
  public init(
    id: DiagnosticID, severity: Severity = .error, message: String, file: SourceFile?,
    at location: SourceLocation, notes: [String] = []
  ) {
    self.init(
      id: id, severity: severity, message: message, file: file, range: SourceRange(at: location),
      notes: notes)
  }

  /// The `path:line:column` prefix, or the path alone when the position is unknown.
  public var locationText: String {
    var text = file?.path ?? "<input>"
    if let range { text += ":\(range.start.line):\(range.start.column)" }
    return text
  }
}

extension Diagnostic: CustomStringConvertible {
  public var description: String { DiagnosticRenderer.render(self) }
}

/// An error that carries every diagnostic found, for APIs that throw.
public struct DiagnosticsError: Error, Sendable, CustomStringConvertible {
  public let diagnostics: [Diagnostic]

  public init(_ diagnostics: [Diagnostic]) {
    self.diagnostics = diagnostics
  }

  public var description: String { DiagnosticRenderer.render(diagnostics) }
}
