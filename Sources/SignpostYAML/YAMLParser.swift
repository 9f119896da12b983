import CYAML
import SignpostSource

/// Parses YAML files into ``YAMLNode`` trees with libyaml's event API, keeping the position of
/// every node and reporting what rule packs forbid.
///
/// This is the only file that talks to libyaml.
public enum YAMLParser {
  /// The deepest nesting of sequences and mappings accepted.
  public static let maximumDepth = 256

  /// Parses a file that holds a single YAML document.
  ///
  /// Diagnostics have stable ids: `yaml.syntax` (libyaml's message, position and context),
  /// `yaml.duplicate-key` (at every repeat, with a note naming the first's line),
  /// `yaml.multiple-documents`, `yaml.alias` (anchors and aliases), `yaml.complex-key`
  /// (a sequence or mapping used as a key) and `yaml.depth` (nesting deeper than
  /// ``maximumDepth``).
  ///
  /// The node is `nil` when the text is not valid YAML or nests too deeply. Otherwise it is
  /// returned even alongside errors: a repeated key keeps its first pair, a pair with a
  /// non-scalar key is dropped, an alias becomes a null scalar and documents after the first are
  /// ignored. A file without a document (empty, or only comments) gives an empty mapping at 1:1,
  /// so that a reader reports the keys it misses rather than a separate "empty file" error.
  ///
  /// - Parameter file: The file to parse; its text is passed to libyaml as UTF-8.
  /// - Returns: The root node, and every diagnostic found in file order.
  public static func parse(_ file: SourceFile) -> (node: YAMLNode?, diagnostics: [Diagnostic]) {
    var builder = YAMLTreeBuilder(file: file, maximumDepth: maximumDepth)
    guard let parser = EventParser(file) else {
      let failure = YAMLDiagnostics.syntax(
        problem: "out of memory", context: nil, contextLocation: nil, atTab: false, file: file,
        at: SourceLocation(line: 1, column: 1))
      return (nil, [failure])
    }
    reading: while true {
      switch parser.next() {
      case .success(let event):
        if !builder.consume(event) { break reading }
      case .failure(let failure):
        return (nil, builder.diagnostics + [failure])
      }
    }
    guard builder.sawDocument else {
      let start = SourceRange(at: SourceLocation(line: 1, column: 1))
      return (YAMLNode(kind: .mapping([]), range: start, file: file), builder.diagnostics)
    }
    return (builder.root, builder.diagnostics)
  }
}

/// Owns a libyaml parser and a copy of the input it reads, and turns its events into
/// ``YAMLEvent`` values.
private final class EventParser {
  private let parser: UnsafeMutablePointer<yaml_parser_t>
  private let input: UnsafeMutableBufferPointer<UInt8>
  private let file: SourceFile
  private var positions: SourcePositions

  /// Fails only when libyaml cannot allocate its buffers.
  init?(_ file: SourceFile) {
    parser = .allocate(capacity: 1)
    guard yaml_parser_initialize(parser) == 1 else {
      parser.deallocate()
      return nil
    }
    let utf8 = file.text.utf8
    input = .allocate(capacity: max(1, utf8.count))
    _ = input.initialize(fromContentsOf: utf8)
    // libyaml keeps a pointer to the parser and reads the bytes in place; both are heap
    // allocations that live until deinit.
    yaml_parser_set_input_string(parser, input.baseAddress, utf8.count)
    self.file = file
    positions = SourcePositions(file)
  }

  deinit {
    yaml_parser_delete(parser)
    parser.deallocate()
    input.deallocate()
  }

  /// The next event, or the error that stopped libyaml.
  func next() -> Result<YAMLEvent, Diagnostic> {
    while true {
      var event = yaml_event_t()
      guard yaml_parser_parse(parser, &event) == 1 else { return .failure(failure()) }
      defer { yaml_event_delete(&event) }
      if let converted = convert(event) { return .success(converted) }
    }
  }

  /// The Swift form of an event; `nil` for the stream start, which carries nothing.
  private func convert(_ event: yaml_event_t) -> YAMLEvent? {
    let range = SourceRange(
      start: positions.location(ofMarkIndex: Int(event.start_mark.index)),
      end: positions.location(ofMarkIndex: Int(event.end_mark.index)))
    let kind: YAMLEvent.Kind
    switch event.type {
    case YAML_STREAM_START_EVENT:
      return nil
    case YAML_DOCUMENT_START_EVENT:
      kind = .documentStart
    case YAML_DOCUMENT_END_EVENT:
      kind = .documentEnd
    case YAML_SEQUENCE_START_EVENT:
      kind = .sequenceStart(anchor: string(event.data.sequence_start.anchor))
    case YAML_SEQUENCE_END_EVENT:
      kind = .sequenceEnd
    case YAML_MAPPING_START_EVENT:
      kind = .mappingStart(anchor: string(event.data.mapping_start.anchor))
    case YAML_MAPPING_END_EVENT:
      kind = .mappingEnd
    case YAML_ALIAS_EVENT:
      kind = .alias(string(event.data.alias.anchor) ?? "")
    case YAML_SCALAR_EVENT:
      let data = event.data.scalar
      var value = ""
      if let bytes = data.value {
        value = String(
          decoding: UnsafeBufferPointer(start: bytes, count: data.length), as: UTF8.self)
      }
      let scalar = YAMLScalar(value: value, style: style(data.style), tag: string(data.tag))
      kind = .scalar(scalar, anchor: string(data.anchor))
    default:
      kind = .streamEnd
    }
    return YAMLEvent(kind: kind, range: range)
  }

  private func style(_ style: yaml_scalar_style_t) -> YAMLScalar.Style {
    switch style {
    case YAML_SINGLE_QUOTED_SCALAR_STYLE: return .singleQuoted
    case YAML_DOUBLE_QUOTED_SCALAR_STYLE: return .doubleQuoted
    case YAML_LITERAL_SCALAR_STYLE: return .literal
    case YAML_FOLDED_SCALAR_STYLE: return .folded
    default: return .plain
    }
  }

  private func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
    pointer.map { String(cString: $0) }
  }

  /// The diagnostic for the error libyaml stopped at.
  private func failure() -> Diagnostic {
    let state = parser.pointee
    var problem = state.problem.map { String(cString: $0) } ?? "unknown error"
    let location: SourceLocation
    var context: String?
    var contextLocation: SourceLocation?
    switch state.error {
    case YAML_MEMORY_ERROR:
      problem = "out of memory"
      location = SourceLocation(line: 1, column: 1)
    case YAML_READER_ERROR:
      if state.problem_value >= 0 {
        let hex = String(state.problem_value, radix: 16, uppercase: true)
        problem += " (found U+\(String(repeating: "0", count: max(0, 4 - hex.count)) + hex))"
      }
      location = positions.location(ofUTF8Offset: Int(state.problem_offset))
    default:
      location = positions.location(ofMarkIndex: Int(state.problem_mark.index))
      context = state.context.map { String(cString: $0) }
      if context != nil {
        contextLocation = positions.location(ofMarkIndex: Int(state.context_mark.index))
      }
    }
    let atTab =
      file.line(location.line).map { line in
        line.unicodeScalars.dropFirst(location.column - 1).first == "\t"
      } ?? false
    return YAMLDiagnostics.syntax(
      problem: problem, context: context, contextLocation: contextLocation, atTab: atTab,
      file: file, at: location)
  }
}
