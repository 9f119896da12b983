/// The words of CEL's grammar a host needs to know when it chooses names for expressions.
public enum CELNames {
  /// Literal-like words that can never be a name, not even a field selector: `true`, `false`,
  /// `null`, `in`.
  public static let keywords: Set<String> = ["true", "false", "null", "in"]

  /// Words reserved for future use: not a variable or function name, but allowed as a field
  /// selector or receiver-call name (`x.as`, `a.if()`), as the grammar's SELECTOR allows.
  public static let reservedWords: Set<String> = [
    "as", "break", "const", "continue", "else", "for", "function", "if", "import", "let", "loop",
    "package", "namespace", "return", "var", "void", "while",
  ]
}
