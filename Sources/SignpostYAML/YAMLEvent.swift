import SignpostSource

/// One libyaml parsing event, converted to Swift values with file positions.
struct YAMLEvent {
  enum Kind {
    case documentStart
    case documentEnd
    case sequenceStart(anchor: String?)
    case sequenceEnd
    case mappingStart(anchor: String?)
    case mappingEnd
    case scalar(YAMLScalar, anchor: String?)
    case alias(String)
    case streamEnd
  }

  var kind: Kind
  var range: SourceRange
}
