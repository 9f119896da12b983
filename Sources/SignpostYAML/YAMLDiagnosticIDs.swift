import SignpostSource

/// The catalogue of ids the YAML reader gives its diagnostics (messages in
/// ``YAMLDiagnostics``).
extension DiagnosticID {
  static let yamlAlias = DiagnosticID("yaml.alias")
  static let yamlComplexKey = DiagnosticID("yaml.complex-key")
  static let yamlDepth = DiagnosticID("yaml.depth")
  static let yamlDuplicateKey = DiagnosticID("yaml.duplicate-key")
  static let yamlInvalidValue = DiagnosticID("yaml.invalid-value")
  static let yamlMissingKey = DiagnosticID("yaml.missing-key")
  static let yamlMissingValue = DiagnosticID("yaml.missing-value")
  static let yamlMultipleDocuments = DiagnosticID("yaml.multiple-documents")
  static let yamlSyntax = DiagnosticID("yaml.syntax")
  static let yamlUnknownKey = DiagnosticID("yaml.unknown-key")
  static let yamlWrongKind = DiagnosticID("yaml.wrong-kind")
}
