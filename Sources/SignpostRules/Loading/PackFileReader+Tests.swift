import SignpostSource
import SignpostYAML

extension PackFileReader {
  /// The most persons one `others` entry may generate.
  static let maximumRepeat = 100_000

  /// A test file: `cases:` and a list of cases.
  func tests(_ node: YAMLNode, known: KnownIDs) -> [PackTestCase] {
    let reader = YAMLMappingReader(node, context: "test file", diagnostics: sink)
    defer { reader.reportUnknownKeys() }
    return items(reader, "cases", context: "test case", required: true).compactMap {
      testCase($0, known)
    }
  }

  private func testCase(_ item: YAMLMappingReader, _ known: KnownIDs) -> PackTestCase? {
    let name = item.string("name", required: true)
    let asOf = date(item, "as_of", required: true)
    let extract = item.mapping("extract", context: "extract")
    let subject = item.string("subject")
    let person = item.node("person", required: extract == nil)
    if let extract {
      if person != nil {
        report(
          item.node("person") ?? item.node, .packTestSubject,
          "a case gives either 'person' or 'extract', not both")
      }
      for key in ["links", "others", "sources"] {
        if let at = item.node(key) {
          report(
            at, .packTestSubject,
            "'\(key)' describes written persons; in a case with an 'extract' the files say who is linked and which sources are supplied"
          )
        }
      }
      if subject == nil {
        report(
          extract.node, .packTestSubject,
          "a case with an 'extract' must name its 'subject', the person id the expectations are about"
        )
      }
    }
    var others: [(Int, TestValue)] = []
    for other in items(item, "others", context: "other persons") {
      let count = other.int("repeat") ?? 1
      let template = other.node("person", required: true)
      other.reportUnknownKeys()
      if !(1...Self.maximumRepeat).contains(count) {
        report(
          other.node("repeat") ?? other.node, .packTestRepeat,
          "repeat must be 1 to \(Self.maximumRepeat), not \(count)")
        continue
      }
      if let template { others.append((count, TestValue(template))) }
    }
    let sources = item.stringList("sources")
    if let sources, let at = item.node("sources") {
      for source in sources where !known.sources.contains(source) {
        report(
          at, .packTestSource,
          "unknown source '\(source)'" + Suggestions.didYouMean(source, in: known.sources))
      }
    }
    var links: [(String, TestValue)] = []
    for link in items(item, "links", context: "test link") {
      let relation = link.string("relation", required: true)
      let linked = link.node("person", required: true)
      link.reportUnknownKeys()
      guard let relation, let linked else { continue }
      if !known.relations.contains(relation), let at = link.node("relation") {
        report(
          at, .packTestRelation,
          "unknown relation '\(relation)'" + Suggestions.didYouMean(relation, in: known.relations))
      }
      links.append((relation, TestValue(linked)))
    }
    let expectation = item.mapping("expect", context: "expectation", required: true).map {
      self.expectation($0, known)
    }
    item.reportUnknownKeys()
    guard let name, let asOf, let expectation, person != nil || extract != nil else { return nil }
    return PackTestCase(
      name: name, asOf: asOf, person: person.map(TestValue.init), links: links, others: others,
      extract: extract?.node.pairs?.map { ($0.keyText, TestValue($0.value)) } ?? [],
      subject: subject,
      sources: sources, expectation: expectation, file: item.node.file,
      location: item.node.range.start)
  }

  private func expectation(_ reader: YAMLMappingReader, _ known: KnownIDs)
    -> PackTestCase.Expectation
  {
    func indicatorList(_ key: String) -> [String]? {
      guard let ids = reader.stringList(key) else { return nil }
      for id in ids where !known.indicators.contains(id) {
        report(
          reader.node(key) ?? reader.node, .packTestIndicator,
          "unknown indicator '\(id)' in '\(key)'" + Suggestions.didYouMean(id, in: known.indicators)
        )
      }
      return ids
    }
    let fired = indicatorList("fired")
    let includes = indicatorList("includes") ?? []
    let excludes = indicatorList("excludes") ?? []
    let notEvaluated = indicatorList("not_evaluated")
    let score = reader.int("score")
    let scored = reader.bool("scored")
    let rejected = reader.int("rejected")
    let band = reader.string("band")
    if let band, !known.bands.contains(band), let at = reader.node("band") {
      report(
        at, .packTestBand,
        "unknown band '\(band)'" + Suggestions.didYouMean(band, in: known.bands))
    }
    var programmes: [String: ProgrammeStatus] = [:]
    for pair in reader.mapping("programmes", context: "expected programmes")?.entries() ?? [] {
      let word = pair.value.scalar?.value ?? ""
      if !known.programmes.contains(pair.keyText) {
        report(
          pair.key, .packTestProgramme,
          "unknown programme '\(pair.keyText)'"
            + Suggestions.didYouMean(pair.keyText, in: known.programmes))
      }
      let words = ProgrammeStatus.expectable.map(\.rawValue)
      guard let status = ProgrammeStatus(rawValue: word),
        ProgrammeStatus.expectable.contains(status)
      else {
        report(
          pair.value, .packTestStatus,
          "unknown status '\(word)'" + Suggestions.didYouMean(word, in: words),
          notes: ["statuses: \(words.joined(separator: ", "))"])
        continue
      }
      programmes[pair.keyText] = status
    }
    reader.reportUnknownKeys()
    return PackTestCase.Expectation(
      fired: fired, includes: includes, excludes: excludes, notEvaluated: notEvaluated,
      score: score, band: band, scored: scored, programmes: programmes, rejected: rejected)
  }
}
