import SignpostYAML

extension TestValue {
  /// The value a YAML node holds, with its positions.
  init(_ node: YAMLNode) {
    let content: Content
    switch node.kind {
    case .scalar(let scalar): content = .scalar(scalar.value, isNull: scalar.isNull)
    case .sequence(let items): content = .list(items.map(TestValue.init))
    case .mapping(let pairs):
      content = .entries(
        pairs.map { Entry(name: $0.keyText, nameRange: $0.key.range, value: TestValue($0.value)) })
    }
    self.init(content, file: node.file, range: node.range)
  }
}
