/// The JSON shape of a diagnostic, for `--format json` and HTTP: `id`, `severity`, `message`,
/// and `file`, `line`, `column` and `notes` when known. Encode a list in ``DiagnosticBag``
/// order (`bag.sorted`).
extension Diagnostic: Encodable {
  private enum CodingKeys: String, CodingKey {
    case id, severity, message, file, line, column, notes
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(id, forKey: .id)
    try container.encode(severity, forKey: .severity)
    try container.encode(message, forKey: .message)
    try container.encodeIfPresent(file?.path, forKey: .file)
    try container.encodeIfPresent(range?.start.line, forKey: .line)
    try container.encodeIfPresent(range?.start.column, forKey: .column)
    if !notes.isEmpty { try container.encode(notes, forKey: .notes) }
  }
}
