import SignpostSource

/// A node of a YAML document with the place it was written, so that any later phase can report
/// a problem at the exact spot.
public struct YAMLNode: Sendable, Equatable {
  /// What a node holds.
  public enum Kind: Sendable, Equatable {
    case scalar(YAMLScalar)
    case sequence([YAMLNode])
    /// The pairs in file order; keys are scalars and unique.
    case mapping([YAMLPair])
  }

  public var kind: Kind
  /// From the node's first character (its tag or anchor, if it has one) to just after its last.
  public var range: SourceRange
  public var file: SourceFile

  public init(kind: Kind, range: SourceRange, file: SourceFile) {
    self.kind = kind
    self.range = range
    self.file = file
  }

  /// The scalar, if this node is one.
  public var scalar: YAMLScalar? {
    if case .scalar(let scalar) = kind { return scalar }
    return nil
  }

  /// The items, if this node is a sequence.
  public var items: [YAMLNode]? {
    if case .sequence(let items) = kind { return items }
    return nil
  }

  /// The pairs, if this node is a mapping.
  public var pairs: [YAMLPair]? {
    if case .mapping(let pairs) = kind { return pairs }
    return nil
  }

  /// The file position of the character at `offset` in this scalar's value, for reporting a
  /// problem inside an expression written in YAML.
  ///
  /// `offset` counts Unicode scalars. An offset equal to the value's length gives the position
  /// just after the last character; offsets outside the value are clamped to it. The result is
  /// exact for plain scalars, quoted scalars (escapes included) and literal and folded blocks
  /// with their chomping and indentation indicators; where the file text does not line up with
  /// the value, it falls back to the nearest position that does. For a sequence or a mapping it
  /// is the node's start.
  ///
  /// - Parameter offset: A position in ``YAMLScalar/value``, in Unicode scalars.
  /// - Returns: A 1-based line and column in ``file``.
  public func location(ofOffset offset: Int) -> SourceLocation {
    guard let scalar else { return range.start }
    return ScalarLocator(scalar: scalar, range: range, file: file).location(ofOffset: offset)
  }
}
