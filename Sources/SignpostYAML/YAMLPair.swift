/// One entry of a mapping: a key node and its value node, in file order.
public struct YAMLPair: Sendable, Equatable {
  /// The key; the parser only keeps pairs whose key is a scalar.
  public let key: YAMLNode
  public var value: YAMLNode
  /// The key's text, or `""` if the key is not a scalar: kept beside the key, since readers
  /// compare it for every key they look up.
  public let keyText: String

  public init(key: YAMLNode, value: YAMLNode) {
    self.key = key
    self.value = value
    keyText = key.scalar?.value ?? ""
  }
}
