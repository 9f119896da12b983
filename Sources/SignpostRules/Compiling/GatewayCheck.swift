import SignpostCEL
import SignpostSource

/// Finds the rules that read a source whose gateway is unconfirmed (`gateway: unconfirmed`),
/// so that `validate` can warn: until a DPO confirms a basis for person-level sharing, a rule
/// that needs the source rests on data the partnership may not lawfully hold.
enum GatewayCheck {
  /// One warning per rule and unconfirmed source it reads directly.
  static func warnings(
    _ pack: RulePack, indicators: [CompiledIndicator], programmes: [CompiledProgramme]
  ) -> [Diagnostic] {
    let unconfirmed = pack.schema.sources.filter { !$0.gatewayConfirmed }
    guard !unconfirmed.isEmpty else { return [] }
    var warnings: [Diagnostic] = []
    func check(_ programs: [CELProgram], rule: String, file: SourceFile, at: SourceLocation) {
      let read = sourcesRead(by: programs, schema: pack.schema)
      for source in unconfirmed where read.contains(source.id) {
        warnings.append(
          Diagnostic(
            id: "pack.unconfirmed-gateway", severity: .warning,
            message: "\(rule) reads source '\(source.id)', whose gateway is unconfirmed",
            file: file, at: at,
            notes: source.gatewayNote.isEmpty ? [] : [source.gatewayNote]))
      }
    }
    for compiled in indicators {
      let indicator = compiled.indicator
      check(
        [compiled.when] + compiled.evidence.map(\.program), rule: "indicator '\(indicator.id)'",
        file: indicator.file, at: indicator.location)
    }
    for compiled in programmes {
      let programme = compiled.programme
      check(
        compiled.eligibility + compiled.exclusions + [compiled.priority].compactMap { $0 },
        rule: "programme '\(programme.id)'", file: programme.file, at: programme.location)
    }
    return warnings
  }

  /// The ids of the sources whose person fields or event lists the programs read, of the
  /// person or of a linked person.
  static func sourcesRead(by programs: [CELProgram], schema: Schema) -> Set<String> {
    var read = Set<String>()
    for program in programs {
      program.expression.root.walk { expr in
        guard case .select(let operand, let field, _) = expr.kind else { return }
        switch program.nodeTypes[operand.id] {
        case .object(PackTypeProvider.person), .object(PackTypeProvider.linked):
          if let declared = schema.field(named: field) { read.formUnion(declared.sources) }
          if let list = schema.eventList(named: field) { read.insert(list.source) }
        default: break
        }
      }
    }
    return read
  }
}
