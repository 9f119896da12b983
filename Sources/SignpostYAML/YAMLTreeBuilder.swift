import SignpostSource

/// Builds the node tree from parsing events, checking what rule packs forbid: several
/// documents, anchors and aliases, non-scalar and duplicate keys, and deep nesting.
struct YAMLTreeBuilder {
  /// A collection whose end event has not arrived yet.
  private struct Frame {
    enum KeyState {
      case expectingKey
      case key(YAMLNode)
      /// The key was not a scalar and has been reported; its value is dropped.
      case rejected
    }

    let isMapping: Bool
    let start: SourceLocation
    var items: [YAMLNode] = []
    var pairs: [YAMLPair] = []
    var keyState = KeyState.expectingKey
    /// The first key node for each key text, to report duplicates.
    var firstKeys: [String: YAMLNode] = [:]
  }

  let file: SourceFile
  let maximumDepth: Int
  private var stack: [Frame] = []
  private var documents = 0
  /// The finished document's root, once its last event has arrived.
  private(set) var root: YAMLNode?
  private(set) var diagnostics: [Diagnostic] = []

  /// Whether a document has started; a file without one holds only comments or nothing.
  var sawDocument: Bool { documents > 0 }

  init(file: SourceFile, maximumDepth: Int) {
    self.file = file
    self.maximumDepth = maximumDepth
  }

  /// Takes in the next event; returns `false` when no further events are wanted.
  mutating func consume(_ event: YAMLEvent) -> Bool {
    switch event.kind {
    case .documentStart:
      documents += 1
      guard documents == 1 else {
        diagnostics.append(YAMLDiagnostics.multipleDocuments(file: file, at: event.range.start))
        return false
      }
    case .documentEnd:
      break
    case .sequenceStart(let anchor):
      return open(isMapping: false, anchor: anchor, at: event.range.start)
    case .mappingStart(let anchor):
      return open(isMapping: true, anchor: anchor, at: event.range.start)
    case .sequenceEnd, .mappingEnd:
      guard let frame = stack.popLast() else { return false }
      let range = SourceRange(start: frame.start, end: event.range.end)
      let kind: YAMLNode.Kind = frame.isMapping ? .mapping(frame.pairs) : .sequence(frame.items)
      add(YAMLNode(kind: kind, range: range, file: file))
    case .scalar(let scalar, let anchor):
      if let anchor { reportAnchor(anchor, at: event.range.start) }
      add(YAMLNode(kind: .scalar(scalar), range: event.range, file: file))
    case .alias(let name):
      diagnostics.append(YAMLDiagnostics.alias(name, file: file, range: event.range))
      add(
        YAMLNode(
          kind: .scalar(YAMLScalar(value: "", style: .plain)), range: event.range, file: file))
    case .streamEnd:
      return false
    }
    return true
  }

  /// Starts a collection; returns `false` when it nests too deep.
  private mutating func open(isMapping: Bool, anchor: String?, at start: SourceLocation) -> Bool {
    if let anchor { reportAnchor(anchor, at: start) }
    guard stack.count < maximumDepth else {
      diagnostics.append(YAMLDiagnostics.tooDeep(limit: maximumDepth, file: file, at: start))
      return false
    }
    stack.append(Frame(isMapping: isMapping, start: start))
    return true
  }

  /// Places a finished node in the open collection, or makes it the root.
  private mutating func add(_ node: YAMLNode) {
    guard var frame = stack.popLast() else {
      root = node
      return
    }
    if !frame.isMapping {
      frame.items.append(node)
    } else {
      switch frame.keyState {
      case .expectingKey:
        if node.scalar != nil {
          frame.keyState = .key(node)
        } else {
          diagnostics.append(YAMLDiagnostics.complexKey(node))
          frame.keyState = .rejected
        }
      case .rejected:
        frame.keyState = .expectingKey
      case .key(let key):
        frame.keyState = .expectingKey
        let text = key.scalar?.value ?? ""
        if let first = frame.firstKeys[text] {
          diagnostics.append(
            YAMLDiagnostics.duplicateKey(
              text, firstLine: first.range.start.line, file: file, range: key.range))
        } else {
          frame.firstKeys[text] = key
          frame.pairs.append(YAMLPair(key: key, value: node))
        }
      }
    }
    stack.append(frame)
  }

  /// Reports an anchor, underlining `&name` when it is written at `location`.
  private mutating func reportAnchor(_ name: String, at location: SourceLocation) {
    let token = Array(("&" + name).unicodeScalars)
    var range = SourceRange(at: location)
    if let line = file.line(location.line) {
      let written = Array(line.unicodeScalars.dropFirst(location.column - 1).prefix(token.count))
      if written == token {
        range.end = SourceLocation(line: location.line, column: location.column + token.count)
      }
    }
    diagnostics.append(YAMLDiagnostics.anchor(name, file: file, range: range))
  }
}
