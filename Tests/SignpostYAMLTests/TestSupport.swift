import SignpostSource
import SignpostYAML
import Testing

/// Parses `text` as the file `pack.yaml`.
func parse(_ text: String) -> (node: YAMLNode?, diagnostics: [Diagnostic]) {
  YAMLParser.parse(SourceFile(path: "pack.yaml", text: text))
}

/// Parses `text`, expecting a tree and no diagnostics.
func parseClean(_ text: String, sourceLocation: Testing.SourceLocation = #_sourceLocation)
  -> YAMLNode?
{
  let (node, diagnostics) = parse(text)
  #expect(diagnostics.isEmpty, "\(diagnostics)", sourceLocation: sourceLocation)
  #expect(node != nil, sourceLocation: sourceLocation)
  return node
}

/// The rendering of `diagnostics` without the closing "N errors generated." line.
func rendered(_ diagnostics: [Diagnostic]) -> String {
  diagnostics.map(DiagnosticRenderer.render).joined(separator: "\n")
}

extension YAMLNode {
  /// The value of the first pair whose key is `key`.
  subscript(key: String) -> YAMLNode? {
    pairs?.first { $0.keyText == key }?.value
  }

  /// Every node of the tree, this one first.
  var allNodes: [YAMLNode] {
    switch kind {
    case .scalar: return [self]
    case .sequence(let items): return [self] + items.flatMap(\.allNodes)
    case .mapping(let pairs):
      return [self] + pairs.flatMap { $0.key.allNodes + $0.value.allNodes }
    }
  }
}

/// A 1-based location, shorter to write in expectations.
func at(_ line: Int, _ column: Int) -> SignpostSource.SourceLocation {
  SignpostSource.SourceLocation(line: line, column: column)
}
