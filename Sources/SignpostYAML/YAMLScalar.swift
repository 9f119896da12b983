/// The text of a scalar node as libyaml decoded it, with the way it was written.
public struct YAMLScalar: Sendable, Hashable {
  /// How a scalar was written in the file.
  public enum Style: String, Sendable, Hashable {
    /// Unquoted text, such as `points: 3`.
    case plain
    /// Text in single quotes, where `''` stands for one quote.
    case singleQuoted
    /// Text in double quotes, with backslash escapes.
    case doubleQuoted
    /// A `|` block, whose line breaks are kept.
    case literal
    /// A `>` block, whose line breaks between lines are folded into spaces.
    case folded
  }

  /// The decoded value: quotes removed, escapes resolved, lines folded.
  public var value: String
  public var style: Style
  /// The explicit tag as libyaml resolved it (`!!str` becomes `tag:yaml.org,2002:str`), or `nil`
  /// when the scalar has none.
  public var tag: String?

  public init(value: String, style: Style, tag: String? = nil) {
    self.value = value
    self.style = style
    self.tag = tag
  }

  /// Whether this is YAML's null: an untagged plain scalar that is empty, `~` or `null`.
  public var isNull: Bool {
    guard style == .plain, tag == nil else { return false }
    switch value {
    case "", "~", "null", "Null", "NULL": return true
    default: return false
    }
  }
}
