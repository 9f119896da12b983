import Foundation
import SignpostCEL
import SignpostSource
import SignpostYAML

/// Turns the YAML of each pack file into the pack model, reporting every problem to `sink`.
struct PackFileReader {
  let sink: YAMLDiagnosticSink

  /// Ids the tests may name, for "did you mean" checks.
  struct KnownIDs {
    var indicators: [String]
    var programmes: [String]
    var bands: [String]
    var sources: [String]
    var relations: [String]
  }

  func report(_ node: YAMLNode, _ id: DiagnosticID, _ message: String, notes: [String] = []) {
    sink.report(
      Diagnostic(id: id, message: message, file: node.file, range: node.range, notes: notes))
  }

  /// An expression written as a YAML scalar, positioned back into the file.
  func expression(_ reader: YAMLMappingReader, _ key: String, required: Bool) -> PackExpression? {
    guard let node = reader.node(key, required: required) else { return nil }
    return expression(node, what: "'\(key)' in \(reader.context)")
  }

  /// An expression from a scalar node; reports any other kind of node.
  func expression(_ node: YAMLNode, what: String) -> PackExpression? {
    guard let scalar = node.scalar, !scalar.isNull else {
      report(node, .packExpression, "expected an expression for \(what)")
      return nil
    }
    let source = ExpressionSource(text: scalar.value, file: node.file) { offset in
      node.location(ofOffset: offset)
    }
    return PackExpression(source: source)
  }

  /// Reads a sequence of mappings under `key`, giving each item a reader.
  func items(
    _ reader: YAMLMappingReader, _ key: String, context: String, required: Bool = false
  ) -> [YAMLMappingReader] {
    (reader.sequence(key, required: required) ?? []).map {
      YAMLMappingReader($0, context: context, diagnostics: sink)
    }
  }

  /// A date scalar as a ``PackDate``.
  func date(_ reader: YAMLMappingReader, _ key: String, required: Bool) -> PackDate? {
    reader.date(key, required: required).map { PackDate(daysSinceEpoch: Int64($0.daysSinceEpoch)) }
  }

  // MARK: pack.yaml

  func manifest(_ node: YAMLNode) -> PackManifest? {
    let reader = YAMLMappingReader(node, context: "pack.yaml", diagnostics: sink)
    let id = reader.string("id", required: true)
    let name = reader.string("name") ?? id ?? ""
    let version = reader.string("version", required: true)
    let owner = reader.string("owner", required: true)
    let effective = date(reader, "effective", required: true)
    let description = reader.string("description") ?? ""
    let timeZone = reader.string("time_zone") ?? PackManifest.defaultTimeZone
    if TimeZone(identifier: timeZone) == nil, let zoneNode = reader.node("time_zone") {
      report(
        zoneNode, .packTimeZone,
        "'\(timeZone)' is not an IANA time zone; write one such as 'Europe/London'")
    }
    let references = items(reader, "references", context: "reference").map { item in
      defer { item.reportUnknownKeys() }
      return PackManifest.Reference(
        title: item.string("title", required: true) ?? "", location: item.string("location"))
    }
    reader.reportUnknownKeys()
    guard let id, let version, let owner, let effective else { return nil }
    if !Self.isIdentifier(id) {
      report(node, .packId, "pack id '\(id)' must be lowercase letters, digits, '_' or '-'")
    }
    return PackManifest(
      id: id, name: name, version: version, owner: owner, effective: effective,
      timeZone: timeZone, description: description, references: references)
  }

  /// Whether a name can be used in expressions: a letter or `_`, then letters, digits, `_`.
  static func isIdentifier(_ text: String) -> Bool {
    guard let first = text.unicodeScalars.first, first == "_" || ("a"..."z").contains(first)
    else { return false }
    return text.unicodeScalars.allSatisfy {
      $0 == "_" || ("a"..."z").contains($0) || ("0"..."9").contains($0)
    }
  }

  /// Reports an id that expressions could not use.
  func checkIdentifier(_ id: String, _ reader: YAMLMappingReader, what: String) {
    guard !Self.isIdentifier(id) else { return }
    let node = reader.node("id") ?? reader.node
    report(
      node, .packIdentifier,
      "\(what) id '\(id)' must start with a lowercase letter or '_' and hold only lowercase letters, digits and '_'"
    )
  }

  // MARK: scoring.yaml

  /// The most bands a pack may declare: results hold a person's band in one byte.
  static let maximumBands = Int(UInt8.max)

  func scoring(_ node: YAMLNode) -> Scoring? {
    let reader = YAMLMappingReader(node, context: "scoring.yaml", diagnostics: sink)
    var domains: [Scoring.Domain] = []
    for item in items(reader, "domains", context: "domain", required: true) {
      let id = item.string("id", required: true)
      let cap = item.int("cap", required: true)
      let name = item.string("name")
      item.reportUnknownKeys()
      guard let id, let cap else { continue }
      checkIdentifier(id, item, what: "domain")
      if cap < 0 {
        report(
          item.node("cap") ?? item.node, .packCap,
          "the cap of domain '\(id)' must be zero or more")
      }
      if domains.contains(where: { $0.id == id }) {
        report(item.node, .packDuplicateDomain, "domain '\(id)' is declared twice")
      }
      domains.append(
        Scoring.Domain(
          id: id, name: name ?? id, cap: cap, location: item.node.range.start,
          file: item.node.file, capLocation: (item.node("cap") ?? item.node).range.start))
    }
    var bands: [Scoring.Band] = []
    let bandItems = items(reader, "bands", context: "band", required: true)
    for item in bandItems {
      let id = item.string("id", required: true)
      let minimum = item.int("min", required: true)
      let description = item.string("description") ?? ""
      item.reportUnknownKeys()
      guard let id, let minimum else { continue }
      checkIdentifier(id, item, what: "band")
      if let previous = bands.last, minimum >= previous.minimum {
        report(
          item.node("min") ?? item.node, .packBandOrder,
          "bands must be listed from the highest minimum to the lowest: '\(id)' starts at \(minimum), not below '\(previous.id)' at \(previous.minimum)"
        )
      }
      if !(0...100).contains(minimum) {
        report(item.node("min") ?? item.node, .packBandRange, "a band minimum must be 0 to 100")
      }
      bands.append(Scoring.Band(id: id, minimum: minimum, description: description))
    }
    if bandItems.count > Self.maximumBands {
      report(
        bandItems[Self.maximumBands].node, .packTooManyBands,
        "scoring.yaml declares \(bandItems.count) bands; at most \(Self.maximumBands) are allowed")
    }
    if let last = bands.last, last.minimum != 0, let node = bandItems.last?.node {
      report(
        node, .packBandFloor, "the lowest band must start at 0 so that every score has a band")
    }
    let scope = expression(reader, "scope", required: false)
    reader.reportUnknownKeys()
    guard !domains.isEmpty, !bands.isEmpty else { return nil }
    return Scoring(domains: domains, bands: bands, scope: scope)
  }
}
