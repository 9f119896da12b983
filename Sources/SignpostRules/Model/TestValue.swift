import SignpostSource

/// Data written in a pack test — a person, an event, an extract file — as the test file gives
/// it: a single value, a list, or named entries, each with where it was written. The engine
/// types it against the schema when the case runs, and names the file, line and column of
/// anything it cannot use.
public struct TestValue: Sendable {
  /// What was written.
  public enum Content: Sendable {
    /// A single value; `isNull` when it was written empty, `~` or `null`.
    case scalar(String, isNull: Bool)
    /// A list of values.
    case list([TestValue])
    /// Named entries in file order, such as a person's fields and event lists.
    case entries([Entry])
  }

  /// One named entry: a field, an event list, a column.
  public struct Entry: Sendable {
    public var name: String
    /// Where the name was written.
    public var nameRange: SourceRange
    public var value: TestValue

    public init(name: String, nameRange: SourceRange, value: TestValue) {
      self.name = name
      self.nameRange = nameRange
      self.value = value
    }
  }

  public var content: Content
  public var file: SourceFile
  /// From the value's first character to just after its last.
  public var range: SourceRange

  public init(_ content: Content, file: SourceFile, range: SourceRange) {
    self.content = content
    self.file = file
    self.range = range
  }

  /// The text of a single value (a null's text as written).
  public var text: String? {
    if case .scalar(let text, _) = content { return text }
    return nil
  }

  /// Whether this is a single value written as null.
  public var isNull: Bool {
    if case .scalar(_, let isNull) = content { return isNull }
    return false
  }

  /// The items, if this is a list.
  public var items: [TestValue]? {
    if case .list(let items) = content { return items }
    return nil
  }

  /// The entries, if this is a mapping of names to values.
  public var entries: [Entry]? {
    if case .entries(let entries) = content { return entries }
    return nil
  }
}
