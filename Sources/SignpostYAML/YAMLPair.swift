/// One entry of a mapping: a key node and its value node, in file order.
public struct YAMLPair: Sendable, Equatable {
  /// The key; the parser only keeps pairs whose key is a scalar.
  public var key: YAMLNode
  public var value: YAMLNode

  public init(key: YAMLNode, value: YAMLNode) {
    self.key = key
    self.value = value
  }

  /// The key's text, or `""` if the key is not a scalar.
  public var keyText: String { key.scalar?.value ?? "" }
}
