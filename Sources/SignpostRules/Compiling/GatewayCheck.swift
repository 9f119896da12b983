import SignpostCEL
import SignpostSource

/// Finds the rules that read a source whose gateway is unconfirmed (`gateway: unconfirmed`),
/// so that `validate` can warn: until a DPO confirms a basis for person-level sharing, a rule
/// that needs the source rests on data the partnership may not lawfully hold.
enum GatewayCheck {
  /// One warning per rule and unconfirmed source it reads: directly, or through an indicator
  /// it reads (of the person or of a linked person), named in the message. Reading `score` or
  /// `band` is not counted as reading every indicator's sources.
  static func warnings(
    _ pack: RulePack, indicators: [CompiledIndicator], programmes: [CompiledProgramme]
  ) -> [Diagnostic] {
    let unconfirmed = pack.schema.sources.filter { !$0.gatewayConfirmed }
    guard !unconfirmed.isEmpty else { return [] }
    let ids = indicators.map(\.indicator.id)
    let sourcesByName = sourcesByName(pack.schema)
    // Per indicator (pack order): each unconfirmed source it reads, and the indicator through
    // which it reads it (itself when directly). Dependencies come before their readers once
    // the graph is known to be acyclic, so a memoised walk suffices.
    var reads: [[String: String]?] = Array(repeating: nil, count: indicators.count)
    func sources(of i: Int) -> [String: String] {
      if let known = reads[i] { return known }
      reads[i] = [:]
      let compiled = indicators[i]
      var found: [String: String] = [:]
      for source in sourcesRead(
        by: [compiled.when] + compiled.evidence.map(\.program), sourcesByName)
      {
        found[source] = ids[i]
      }
      for dependency in compiled.localDependencies + compiled.networkDependencies {
        for (source, via) in sources(of: dependency) where found[source] == nil {
          found[source] = via
        }
      }
      reads[i] = found
      return found
    }
    var warnings: [Diagnostic] = []
    func warn(
      _ kind: String, _ id: String, _ found: [String: String], file: SourceFile,
      at: SourceLocation
    ) {
      for source in unconfirmed {
        guard let via = found[source.id] else { continue }
        let through = via == id ? "" : " (through indicator '\(via)')"
        warnings.append(
          Diagnostic(
            id: .packUnconfirmedGateway, severity: .warning,
            message:
              "\(kind) '\(id)' reads source '\(source.id)'\(through), whose gateway is unconfirmed",
            file: file, at: at,
            notes: source.gatewayNote.isEmpty ? [] : [source.gatewayNote]))
      }
    }
    for (i, compiled) in indicators.enumerated() {
      let indicator = compiled.indicator
      warn("indicator", indicator.id, sources(of: i), file: indicator.file, at: indicator.location)
    }
    for compiled in programmes {
      let programme = compiled.programme
      let programs =
        compiled.eligibility + compiled.exclusions + [compiled.priority].compactMap { $0 }
      var found: [String: String] = [:]
      for source in sourcesRead(by: programs, sourcesByName) { found[source] = programme.id }
      let (local, network) = PackCompiler.dependencies(of: programs, ids: ids)
      for dependency in local + network {
        for (source, via) in sources(of: dependency) where found[source] == nil {
          found[source] = via
        }
      }
      warn("programme", programme.id, found, file: programme.file, at: programme.location)
    }
    return warnings
  }

  /// The sources of each person field and each event list, by name (a field and a list of
  /// the same name count both), looked up once per compile rather than per expression node.
  static func sourcesByName(_ schema: Schema) -> [String: Set<String>] {
    var fields: [String: Set<String>] = [:]
    for field in schema.personFields where fields[field.name] == nil {
      fields[field.name] = Set(field.sources)
    }
    var lists: [String: String] = [:]
    for list in schema.eventLists where lists[list.name] == nil { lists[list.name] = list.source }
    return fields.merging(lists.mapValues { [$0] }) { $0.union($1) }
  }

  /// The ids of the sources whose person fields or event lists the programs read, of the
  /// person or of a linked person.
  static func sourcesRead(by programs: [CELProgram], _ sourcesByName: [String: Set<String>])
    -> Set<String>
  {
    var read = Set<String>()
    for program in programs {
      program.expression.root.walk { expr in
        guard case .select(let operand, let field, _) = expr.kind else { return }
        switch program.nodeTypes[operand.id] {
        case .object(PackTypeProvider.person), .object(PackTypeProvider.linked):
          if let sources = sourcesByName[field] { read.formUnion(sources) }
        default: break
        }
      }
    }
    return read
  }
}
