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
    /// Where this collection's items (or pairs) begin on the builder's shared stack of them.
    let first: Int
    var keyState = KeyState.expectingKey
    /// Each key text's pair (an index into the shared stack), to report duplicates; made only
    /// once a mapping has more pairs than a search in order suits (most have a handful).
    var pairIndex: [String: Int] = [:]
  }

  let file: SourceFile
  let maximumDepth: Int
  private var stack: [Frame] = []
  /// The items of the open sequences and the pairs of the open mappings, innermost last:
  /// each collection's array is made once, at its exact size, when it ends.
  private var openItems: [YAMLNode] = []
  private var openPairs: [YAMLPair] = []
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
      let kind: YAMLNode.Kind
      if frame.isMapping {
        kind = .mapping(Array(openPairs[frame.first...]))
        openPairs.removeSubrange(frame.first...)
      } else {
        kind = .sequence(Array(openItems[frame.first...]))
        openItems.removeSubrange(frame.first...)
      }
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
    stack.append(
      Frame(
        isMapping: isMapping, start: start, first: isMapping ? openPairs.count : openItems.count))
    return true
  }

  /// Places a finished node in the open collection, or makes it the root. The open
  /// collection is changed where it is on the stack, not copied off it and back.
  private mutating func add(_ node: YAMLNode) {
    let top = stack.count - 1
    guard top >= 0 else {
      root = node
      return
    }
    guard stack[top].isMapping else {
      openItems.append(node)
      return
    }
    switch stack[top].keyState {
    case .expectingKey:
      if node.scalar != nil {
        stack[top].keyState = .key(node)
      } else {
        diagnostics.append(YAMLDiagnostics.complexKey(node))
        stack[top].keyState = .rejected
      }
    case .rejected:
      stack[top].keyState = .expectingKey
    case .key(let key):
      stack[top].keyState = .expectingKey
      let text = key.scalar?.value ?? ""
      if let firstLine = firstKeyLine(text, inFrame: top) {
        diagnostics.append(
          YAMLDiagnostics.duplicateKey(text, firstLine: firstLine, file: file, range: key.range))
      } else {
        if !stack[top].pairIndex.isEmpty { stack[top].pairIndex[text] = openPairs.count }
        openPairs.append(YAMLPair(key: key, value: node))
      }
    }
  }

  /// The line of the key with the text `text` already in the open mapping `frame`, if any.
  private mutating func firstKeyLine(_ text: String, inFrame frame: Int) -> Int? {
    let pairs = stack[frame].first..<openPairs.count
    if pairs.count <= 16 {
      return openPairs[pairs].first { $0.keyText == text }?.key.range.start.line
    }
    if stack[frame].pairIndex.isEmpty {
      for p in pairs { stack[frame].pairIndex[openPairs[p].keyText] = p }
    }
    return stack[frame].pairIndex[text].map { openPairs[$0].key.range.start.line }
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
