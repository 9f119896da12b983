import SignpostSource

/// Reads the keys of one mapping of a pack file with precise errors.
///
/// Each read names the key it wants and returns `nil` when the key is absent or its value is
/// unusable; the problem is reported to the sink at the exact node. Once every key has been
/// read, ``reportUnknownKeys()`` reports the keys nobody asked for, suggesting the nearest
/// expected key for a typo.
///
/// ```swift
/// let sink = YAMLDiagnosticSink()
/// let indicator = YAMLMappingReader(node, context: "indicator", diagnostics: sink)
/// let id = indicator.string("id", required: true)
/// let points = indicator.int("points", required: true)
/// indicator.reportUnknownKeys()
/// ```
///
/// Values follow the YAML 1.2 core schema: booleans are `true` or `false` (also `True`, `TRUE`,
/// `False`, `FALSE`), never `yes` or `no`; integers are decimal; booleans and numbers must be
/// plain (unquoted) scalars. A null value (`key:` with nothing, `~` or `null`) counts as
/// absent, so an optional key may be left empty and a required one reports a missing value.
/// Where a key is repeated the parser has already reported it and the first pair is used.
public final class YAMLMappingReader {
  /// The node being read.
  public let node: YAMLNode
  /// What the mapping is, as messages name it: "indicator", "'scores' in indicator".
  public let context: String
  private let sink: YAMLDiagnosticSink
  private let pairs: [YAMLPair]
  /// Which pairs have had their key read or declared: a bit per pair for the first 64, and
  /// the key texts of any later ones (a mapping of a pack file has a handful of keys).
  private var readPairs: UInt64 = 0
  private var readLaterKeys: [String] = []
  /// Keys read or declared that the mapping does not hold: the candidates for "did you mean".
  private var absentKeys: [String] = []
  private var reportedUnknownKeys = false
  /// Whether every key is known (``entries()`` was called).
  private var everyKeyKnown = false

  /// Creates a reader; if `node` is not a mapping, reports "expected a mapping for ⟨context⟩,
  /// found …" and reads as an empty mapping that reports nothing more.
  ///
  /// - Parameters:
  ///   - node: The node that should be a mapping.
  ///   - context: What the mapping is, for messages, such as "indicator".
  ///   - diagnostics: Where problems are reported.
  public init(_ node: YAMLNode, context: String, diagnostics: YAMLDiagnosticSink) {
    self.node = node
    self.context = context
    self.sink = diagnostics
    if let pairs = node.pairs {
      self.pairs = pairs
    } else {
      self.pairs = []
      diagnostics.report(
        YAMLDiagnostics.wrongKind(expected: "a mapping", subject: context, found: node))
    }
  }

  /// Whether the node is a mapping (if not, the mismatch has been reported).
  public var isMapping: Bool { node.pairs != nil }

  /// Declares keys that may appear without being read through this reader.
  public func declareKnown(_ keys: String...) {
    for key in keys { _ = pair(key, required: false) }
  }

  /// Every pair, marking all keys as known: for mappings whose keys are names chosen by the
  /// author rather than a fixed set.
  public func entries() -> [YAMLPair] {
    everyKeyKnown = true
    return pairs
  }

  /// The value node of `key`, of any kind (null included), or `nil` if the key is absent.
  public func node(_ key: String, required: Bool = false) -> YAMLNode? {
    pair(key, required: required)?.value
  }

  /// A scalar value as text, whatever its style; plain numbers and booleans give their text.
  public func string(_ key: String, required: Bool = false) -> String? {
    scalar(key, required: required, expected: "a string")?.scalar.value
  }

  /// A decimal integer written plain, such as `3` or `-12`.
  public func int(_ key: String, required: Bool = false) -> Int? {
    guard let found = scalar(key, required: required, expected: "an integer") else { return nil }
    let text = found.scalar.value
    guard found.scalar.style == .plain, Self.isInteger(text) else {
      sink.report(
        YAMLDiagnostics.invalidValue(
          expected: "an integer", subject: subject(key), found: found.node))
      return nil
    }
    guard let value = Int(text) else {
      sink.report(YAMLDiagnostics.outOfRange(text, subject: subject(key), node: found.node))
      return nil
    }
    return value
  }

  /// A finite decimal number written plain, such as `2`, `-0.5` or `1e3`.
  public func double(_ key: String, required: Bool = false) -> Double? {
    guard let found = scalar(key, required: required, expected: "a number") else { return nil }
    let text = found.scalar.value
    guard found.scalar.style == .plain, Self.isNumber(text), let value = Double(text) else {
      sink.report(
        YAMLDiagnostics.invalidValue(expected: "a number", subject: subject(key), found: found.node)
      )
      return nil
    }
    guard value.isFinite else {
      sink.report(YAMLDiagnostics.outOfRange(text, subject: subject(key), node: found.node))
      return nil
    }
    return value
  }

  /// `true` or `false`, written plain.
  public func bool(_ key: String, required: Bool = false) -> Bool? {
    guard let found = scalar(key, required: required, expected: "true or false") else {
      return nil
    }
    if found.scalar.style == .plain {
      switch found.scalar.value {
      case "true", "True", "TRUE": return true
      case "false", "False", "FALSE": return false
      default: break
      }
    }
    sink.report(
      YAMLDiagnostics.invalidValue(
        expected: "true or false", subject: subject(key), found: found.node))
    return nil
  }

  /// A date written `YYYY-MM-DD`, plain or quoted, checked against the calendar.
  public func date(_ key: String, required: Bool = false) -> YAMLDate? {
    let expected = "a date (YYYY-MM-DD)"
    guard let found = scalar(key, required: required, expected: expected) else { return nil }
    let text = found.scalar.value
    let reason: String
    switch YAMLDate.parse(text) {
    case .success(let date):
      return date
    case .failure(.format):
      sink.report(
        YAMLDiagnostics.invalidValue(expected: expected, subject: subject(key), found: found.node))
      return nil
    case .failure(.month):
      reason = "the month must be 01 to 12"
    case .failure(.day(let days)):
      reason = "\(text.prefix(7)) has \(days) days"
    }
    sink.report(
      YAMLDiagnostics.invalidDate(text, reason: reason, subject: subject(key), node: found.node))
    return nil
  }

  /// A sequence of strings; each item that is not a scalar is reported and skipped.
  public func stringList(_ key: String, required: Bool = false) -> [String]? {
    guard let items = sequence(key, required: required, expected: "a list of strings") else {
      return nil
    }
    var strings: [String] = []
    for (index, item) in items.enumerated() {
      if let scalar = item.scalar, !scalar.isNull {
        strings.append(scalar.value)
      } else {
        let subject = "item \(index + 1) of '\(key)' in \(context)"
        sink.report(YAMLDiagnostics.wrongKind(expected: "a string", subject: subject, found: item))
      }
    }
    return strings
  }

  /// A reader for a nested mapping, reporting into the same sink; call its
  /// ``reportUnknownKeys()`` too.
  ///
  /// - Parameters:
  ///   - key: The key whose value should be a mapping.
  ///   - context: What the nested mapping is, for messages; by default "'key' in ⟨context⟩".
  ///   - required: Whether to report the key when it is absent.
  /// - Returns: A reader for the value, or `nil` if the key is absent, null or not a mapping.
  public func mapping(_ key: String, context: String? = nil, required: Bool = false)
    -> YAMLMappingReader?
  {
    guard let value = nonNullValue(key, required: required) else { return nil }
    guard value.pairs != nil else {
      sink.report(
        YAMLDiagnostics.wrongKind(expected: "a mapping", subject: subject(key), found: value))
      return nil
    }
    return YAMLMappingReader(value, context: context ?? subject(key), diagnostics: sink)
  }

  /// The items of a sequence.
  public func sequence(_ key: String, required: Bool = false) -> [YAMLNode]? {
    sequence(key, required: required, expected: "a sequence")
  }

  /// Reports every key that was neither read nor declared, at the key, with a "did you mean"
  /// for a likely typo of an expected key. Reports once, however often it is called.
  public func reportUnknownKeys() {
    guard !reportedUnknownKeys else { return }
    reportedUnknownKeys = true
    guard !everyKeyKnown else { return }
    let unknown = pairs.indices.filter { !isRead($0) }
    guard !unknown.isEmpty else { return }
    let candidates = absentKeys.sorted()
    for index in unknown {
      let pair = pairs[index]
      sink.report(
        YAMLDiagnostics.unknownKey(
          pair.keyText, context: context, candidates: candidates, keyNode: pair.key))
    }
  }

  /// Whether the key of the pair at `index` has been read or declared.
  private func isRead(_ index: Int) -> Bool {
    index < 64
      ? readPairs & (1 << UInt64(index)) != 0 : readLaterKeys.contains(pairs[index].keyText)
  }

  // MARK: - Lookup

  /// How messages name a key of this mapping.
  private func subject(_ key: String) -> String { "'\(key)' in \(context)" }

  /// The pair for `key`, recording the key as expected and reporting it if required and absent.
  private func pair(_ key: String, required: Bool) -> YAMLPair? {
    guard let index = pairs.firstIndex(where: { $0.keyText == key }) else {
      if !absentKeys.contains(key) { absentKeys.append(key) }
      if required, isMapping {
        sink.report(YAMLDiagnostics.missingKey(key, context: context, mapping: node))
      }
      return nil
    }
    if index < 64 {
      readPairs |= 1 << UInt64(index)
    } else if !readLaterKeys.contains(key) {
      readLaterKeys.append(key)
    }
    return pairs[index]
  }

  /// The value of `key` unless it is absent or null; a required key with a null value is
  /// reported at the key.
  private func nonNullValue(_ key: String, required: Bool) -> YAMLNode? {
    guard let pair = pair(key, required: required) else { return nil }
    guard pair.value.scalar?.isNull != true else {
      if required {
        sink.report(YAMLDiagnostics.missingValue(key, context: context, keyNode: pair.key))
      }
      return nil
    }
    return pair.value
  }

  private func scalar(_ key: String, required: Bool, expected: String) -> (
    node: YAMLNode, scalar: YAMLScalar
  )? {
    guard let value = nonNullValue(key, required: required) else { return nil }
    guard let scalar = value.scalar else {
      sink.report(
        YAMLDiagnostics.wrongKind(expected: expected, subject: subject(key), found: value))
      return nil
    }
    return (value, scalar)
  }

  private func sequence(_ key: String, required: Bool, expected: String) -> [YAMLNode]? {
    guard let value = nonNullValue(key, required: required) else { return nil }
    guard let items = value.items else {
      sink.report(
        YAMLDiagnostics.wrongKind(expected: expected, subject: subject(key), found: value))
      return nil
    }
    return items
  }

  // MARK: - Scalar syntax

  /// `[-+]?[0-9]+`
  private static func isInteger(_ text: String) -> Bool {
    let digits = text.unicodeScalars.drop { $0 == "-" || $0 == "+" }
    return text.unicodeScalars.count - digits.count <= 1 && !digits.isEmpty
      && digits.allSatisfy { ("0"..."9").contains($0) }
  }

  /// `[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?`, the core schema's finite floats.
  private static func isNumber(_ text: String) -> Bool {
    var chars = Substring(text).unicodeScalars
    func digits() -> Int {
      let count = chars.prefix { ("0"..."9").contains($0) }.count
      chars = chars.dropFirst(count)
      return count
    }
    if chars.first == "-" || chars.first == "+" { chars = chars.dropFirst() }
    var mantissa = digits()
    if chars.first == "." {
      chars = chars.dropFirst()
      mantissa += digits()
    }
    guard mantissa > 0 else { return false }
    if chars.first == "e" || chars.first == "E" {
      chars = chars.dropFirst()
      if chars.first == "-" || chars.first == "+" { chars = chars.dropFirst() }
      guard digits() > 0 else { return false }
    }
    return chars.isEmpty
  }
}
