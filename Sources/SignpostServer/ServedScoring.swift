import SignpostCEL
import SignpostEngine
import SignpostRules
import SignpostStore

/// The pack the service serves and the partner extracts scored with it as of the latest
/// complete run: the source of each person's explanation (the same as `signpost explain`) and
/// of the fields that scope and filter queues (school, ward).
public struct ServedScoring: Sendable {
  /// The stored run whose as-of date the extracts were scored at.
  public var runID: Int64
  public var scoring: ScoringRun
  /// Whether an input file's hash differs from the one the stored run read: the extracts
  /// changed since that run, and explanations describe the extracts as they are now.
  public var inputsChanged: Bool
  /// Each indicator's points by id, for the queue's reason lines (built once per pack, not
  /// once per row).
  public let pointsByIndicator: [String: Int]
  /// Scores a referral's person on the pack's flat plan, compiled once per as-of date and
  /// shape of record (the sources supplied), not per request.
  public let onePerson: OnePersonEvaluator
  /// What reading a referral needs of the pack's schema, worked out once.
  let referralSchema: ReferralSchema
  /// Each programme's queue rows of the latest run, built once per run, not per page.
  public let rankedRows = RankedRowsCache()

  public init(runID: Int64, scoring: ScoringRun, inputsChanged: Bool) {
    self.runID = runID
    self.scoring = scoring
    self.inputsChanged = inputsChanged
    pointsByIndicator = Dictionary(
      scoring.pack.indicators.map { ($0.indicator.id, $0.indicator.points) },
      uniquingKeysWith: { first, _ in first })
    onePerson = OnePersonEvaluator(pack: scoring.pack)
    referralSchema = ReferralSchema(scoring.pack.schema)
    // The plan for a referral that supplies every source, as of the run's date: compiled now,
    // not by the first request.
    if let warmUp = try? ReferralRecord.read(
      JSONInput.parse(Array(#"{"person": {"id": "warm-up"}}"#.utf8)), schema: referralSchema)
    {
      onePerson.prepare(shapedLike: warmUp.population, asOf: scoring.asOf)
    }
  }

  /// Scores `inputDirectory` with `pack` as of the store's latest complete run.
  ///
  /// - Throws: ``ServeError`` if there is no complete run, or the extracts cannot be read.
  public static func load(pack: CompiledPack, inputDirectory: String, store: RunStore) throws
    -> ServedScoring
  {
    guard let run = try store.latestCompleteRun() else {
      throw ServeError("the store \(store.path) has no complete run yet: run `signpost run` first")
    }
    guard let asOf = run.asOf.flatMap({ PackDate(iso: $0) }) else {
      throw ServeError("run \(run.id) has no as-of date")
    }
    let scoring: ScoringRun
    do {
      scoring = try ScoringRun.run(pack: pack, inputDirectory: inputDirectory, asOf: asOf)
    } catch {
      throw ServeError("cannot read the extracts in \(inputDirectory): \(error.description)")
    }
    let stored = Dictionary(
      try store.inputs(runID: run.id).map { ($0.path, $0.sha256) }, uniquingKeysWith: { a, _ in a })
    let now = Dictionary(
      scoring.read.files.map { ($0.path, $0.sha256) }, uniquingKeysWith: { a, _ in a })
    return ServedScoring(runID: run.id, scoring: scoring, inputsChanged: stored != now)
  }

  /// The text of a string or enum person field for a person, if the pack has the field and
  /// the person a value.
  public func text(field: String?, person: Int) -> String? {
    guard let field,
      let index = scoring.pack.schema.personFields.firstIndex(where: { $0.name == field })
    else { return nil }
    if case .string(let value) = scoring.read.population.fields[index].value(person) {
      return value
    }
    return nil
  }
}

/// A ``ServedScoring`` behind a reference of its own (``TriageService/servedReference``).
final class ServedReference: Sendable {
  let scoring: ServedScoring

  init(_ scoring: ServedScoring) {
    self.scoring = scoring
  }
}
