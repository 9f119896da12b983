import SignpostCEL
import SignpostSource

/// A pack whose every expression has been checked and planned, with its indicators ordered
/// in strata so that network rules read linked persons' indicators only once computed.
public struct CompiledPack: Sendable {
  public let pack: RulePack
  public let provider: PackTypeProvider
  /// Indicators in pack order.
  public let indicators: [CompiledIndicator]
  /// Indicator indices per stratum, each in an order that respects local dependencies.
  public let strata: [[Int]]
  public let programmes: [CompiledProgramme]
  /// Who is scored (see ``Scoring/scope``).
  public let scope: CELProgram?
  /// Derived person fields of each source table.
  public let derivations: [SourceTableKey: [Derivation]]
  /// The estimated cost of each expression, in compile order (see ``CostEstimator``).
  public let costs: [ExpressionCost]
  /// SHA-256 of the pack's files, in path order, to pin a run to the exact rules.
  public let contentHash: String
  /// Warnings that do not stop the pack compiling, such as rules that read a source whose
  /// gateway is unconfirmed; `validate` prints them.
  public let warnings: [Diagnostic]

  public var manifest: PackManifest { pack.manifest }
  public var schema: Schema { pack.schema }
  public var scoring: Scoring { pack.scoring }

  /// The index of an indicator by id.
  public func indicatorIndex(_ id: String) -> Int? {
    indicators.firstIndex { $0.indicator.id == id }
  }
}

/// An indicator with its planned expressions.
public struct CompiledIndicator: Sendable {
  public let indicator: Indicator
  public let when: CELProgram
  /// Evidence values, in declaration order.
  public let evidence: [(name: String, program: CELProgram)]
  /// Indices of the indicators this one reads for the same person.
  public let localDependencies: [Int]
  /// Indices of the indicators this one reads for linked persons.
  public let networkDependencies: [Int]
  public let stratum: Int
  /// The index of the indicator's domain in the scoring domains.
  public let domainIndex: Int
}

/// A person field computed from a source table's rows.
public struct Derivation: Sendable {
  /// The index of the field among the schema's person fields.
  public let field: Int
  /// An expression over `rows`, the person's rows of the table.
  public let program: CELProgram
}

/// A programme with its planned conditions.
public struct CompiledProgramme: Sendable {
  public let programme: Programme
  public let eligibility: [CELProgram]
  public let exclusions: [CELProgram]
  public let priority: CELProgram?
}
