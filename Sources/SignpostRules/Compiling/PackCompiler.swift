import SignpostCEL
import SignpostSource

/// Checks every expression of a pack against its schema and indicator graph, plans them,
/// and orders the indicators in strata. All diagnostics are reported together.
public enum PackCompiler {
  /// Variables every indicator and programme expression can use.
  static func baseVariables(_ schema: Schema) -> [String: CELType] {
    var variables: [String: CELType] = [
      "person": .object(PackTypeProvider.person),
      DomainLibrary.asOf: .timestamp,
      "indicators": .object(PackTypeProvider.indicators),
      "links": .object(PackTypeProvider.links),
    ]
    if schema.birthDateField != nil { variables["age"] = .int }
    return variables
  }

  /// Loads and compiles the pack in a folder, reporting the diagnostics of both steps.
  public static func compile(directory: String) -> Result<CompiledPack, DiagnosticsError> {
    let (pack, diagnostics) = PackLoader.load(directory: directory)
    guard let pack else { return .failure(DiagnosticsError(diagnostics)) }
    return compile(pack, loaderDiagnostics: diagnostics)
  }

  /// Compiles a loaded pack; `loaderDiagnostics` are reported with the compiler's own.
  public static func compile(_ pack: RulePack, loaderDiagnostics: [Diagnostic] = [])
    -> Result<CompiledPack, DiagnosticsError>
  {
    var bag = DiagnosticBag()
    bag.append(contentsOf: loaderDiagnostics)
    checkStructure(pack, &bag)
    PointsCheck.check(pack, &bag)
    var names = DiagnosticBag()
    let recordsBuildable = checkNames(pack, &names)
    bag.append(contentsOf: names.diagnostics)
    // The record types, slots and indexes below assume unique, unreserved names and unique
    // indicator ids: stop here rather than build them from a pack that breaks that.
    let indicatorIDs = pack.indicators.map(\.id)
    if names.hasErrors || !recordsBuildable || Set(indicatorIDs).count != indicatorIDs.count {
      return .failure(DiagnosticsError(bag.sorted))
    }
    let provider = PackTypeProvider(
      schema: pack.schema, indicatorIDs: pack.indicators.map(\.id),
      bandIDs: pack.scoring.bands.map(\.id))
    let base = CELEnvironment(variables: baseVariables(pack.schema), provider: provider)
      .adding(DomainLibrary.functions)

    var costs: [ExpressionCost] = []
    func compile(
      _ expression: PackExpression, _ name: String, in environment: CELEnvironment,
      expecting: CELType?
    ) -> CELProgram? {
      switch environment.compile(expression.source, expectedType: expecting) {
      case .success(let program):
        let (cost, blame) = CostEstimator.estimate(program)
        costs.append(
          ExpressionCost(name: name, cost: cost, expression: expression))
        if let blame {
          bag.append(
            PackDiagnostics.tooCostly(
              name, blame, at: expression, offset: program.expression.offsets[blame.id] ?? 0))
        }
        return program
      case .failure(let error):
        bag.append(contentsOf: error.diagnostics)
        return nil
      }
    }

    var compiled: [CompiledIndicator?] = []
    for indicator in pack.indicators {
      var evidence: [(String, CELProgram)] = []
      var whenEnvironment = base
      for (name, expression) in indicator.evidence {
        if let program = compile(
          expression, "indicator \(indicator.id) evidence \(name)", in: base, expecting: nil)
        {
          evidence.append((name, program))
          whenEnvironment.variables[name] = program.type
        } else {
          whenEnvironment.variables[name] = .dyn
        }
      }
      let when = compile(
        indicator.when, "indicator \(indicator.id) when", in: whenEnvironment, expecting: .bool)
      let domainIndex = pack.scoring.domains.firstIndex { $0.id == indicator.domain }
      if let when, let domainIndex {
        let programs = [when] + evidence.map(\.1)
        let (local, network) = dependencies(of: programs, ids: pack.indicators.map(\.id))
        compiled.append(
          CompiledIndicator(
            indicator: indicator, when: when, evidence: evidence, localDependencies: local,
            networkDependencies: network, stratum: 0, domainIndex: domainIndex))
      } else {
        compiled.append(nil)
      }
    }

    let scope = pack.scoring.scope.flatMap {
      compile($0, "scoring scope", in: base, expecting: .bool)
    }
    var derivations: [SourceTableKey: [Derivation]] = [:]
    for source in pack.schema.sources {
      for (t, table) in source.tables.enumerated() where !table.derive.isEmpty {
        let environment = CELEnvironment(
          variables: ["rows": .list(.object(RowTypeProvider.row))],
          provider: RowTypeProvider(inputs: table.inputs)
        ).adding(DomainLibrary.functions)
        var programs: [Derivation] = []
        for (name, expression) in table.derive {
          guard let index = pack.schema.personFields.firstIndex(where: { $0.name == name }) else {
            continue
          }
          var enums: [String: [String]] = [:]
          let type = PackTypeProvider.celType(
            pack.schema.personFields[index].type, enumName: "Person.\(name)", &enums)
          if let program = compile(
            expression, "derived field \(name)", in: environment, expecting: type)
          {
            programs.append(Derivation(field: index, program: program))
          }
        }
        derivations[SourceTableKey(source: source.id, table: t)] = programs
      }
    }
    var programmeEnvironment = base
    programmeEnvironment.variables["score"] = .int
    programmeEnvironment.variables["band"] = .enumeration("Band")
    var programmes: [CompiledProgramme] = []
    for programme in pack.programmes {
      let eligibility = programme.eligibility.map {
        compile(
          $0.when, "programme \(programme.id) eligibility \($0.id)", in: programmeEnvironment,
          expecting: .bool)
      }
      let exclusions = programme.exclusions.map {
        compile(
          $0.when, "programme \(programme.id) exclusion \($0.id)", in: programmeEnvironment,
          expecting: .bool)
      }
      var priority: CELProgram?
      if let expression = programme.priority {
        priority = compile(
          expression, "programme \(programme.id) priority", in: programmeEnvironment,
          expecting: nil)
        if let type = priority?.type, ![.int, .double, .dyn].contains(type) {
          bag.append(
            PackDiagnostics.priorityNotNumeric(programme, type: type, at: expression))
        }
      }
      programmes.append(
        CompiledProgramme(
          programme: programme, eligibility: eligibility.compactMap { $0 },
          exclusions: exclusions.compactMap { $0 }, priority: priority))
    }

    let complete = compiled.compactMap { $0 }
    var strata: [[Int]] = []
    var ordered = complete
    if complete.count == pack.indicators.count {
      switch IndicatorGraph.stratify(complete) {
      case .success(let result):
        strata = result.strata
        ordered = result.indicators
      case .failure(let error):
        bag.append(contentsOf: error.diagnostics)
      }
    }
    if bag.hasErrors { return .failure(DiagnosticsError(bag.sorted)) }
    return .success(
      CompiledPack(
        pack: pack, provider: provider, indicators: ordered, strata: strata,
        programmes: programmes, scope: scope, derivations: derivations, costs: costs,
        contentHash: PackHash.hash(pack.files, root: pack.directory),
        warnings: GatewayCheck.warnings(pack, indicators: ordered, programmes: programmes)))
  }

  /// The indicators a set of programs reads, split into this person's and linked persons'.
  static func dependencies(of programs: [CELProgram], ids: [String]) -> (
    local: [Int], network: [Int]
  ) {
    var local = Set<Int>()
    var network = Set<Int>()
    let index = Dictionary(uniqueKeysWithValues: ids.enumerated().map { ($1, $0) })
    for program in programs {
      program.expression.root.walk { expr in
        guard case .select(let operand, let field, _) = expr.kind,
          let position = index[field]
        else { return }
        switch program.nodeTypes[operand.id] {
        case .object(PackTypeProvider.indicators): local.insert(position)
        case .object(PackTypeProvider.linkedIndicators): network.insert(position)
        default: break
        }
      }
    }
    return (local.sorted(), network.sorted())
  }

  /// Checks that do not involve expressions: unique ids, known domains, placeholders, bands.
  static func checkStructure(_ pack: RulePack, _ bag: inout DiagnosticBag) {
    var seen: [String: Indicator] = [:]
    let domainIDs = pack.scoring.domains.map(\.id)
    let contextDomains = Set(pack.scoring.domains.filter { $0.cap == 0 }.map(\.id))
    for indicator in pack.indicators {
      if indicator.points == 0, !contextDomains.contains(indicator.domain) {
        bag.append(PackDiagnostics.zeroPoints(indicator))
      }
      if let first = seen[indicator.id] {
        bag.append(PackDiagnostics.duplicateIndicator(indicator, first: first))
      } else {
        seen[indicator.id] = indicator
      }
      if !domainIDs.contains(indicator.domain) {
        bag.append(PackDiagnostics.unknownDomain(indicator, known: domainIDs))
      }
      let evidenceNames = indicator.evidence.map(\.name)
      for placeholder in indicator.placeholders where !evidenceNames.contains(placeholder) {
        bag.append(PackDiagnostics.unknownPlaceholder(placeholder, in: indicator))
      }
    }
    var programmeIDs: [String: Programme] = [:]
    for programme in pack.programmes {
      if let first = programmeIDs[programme.id] {
        bag.append(PackDiagnostics.duplicateProgramme(programme, first: first))
      } else {
        programmeIDs[programme.id] = programme
      }
    }
  }
}
