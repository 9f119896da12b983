import SignpostEngine
import SignpostFairness
import SignpostRules

/// A rule pack's public record, in the shape of the Algorithmic Transparency Recording
/// Standard (GOV.UK): a summary (tier 1), then owner, rationale, human oversight, the logic
/// (scoring, indicators, programmes), the data (sources with gateway and retention), risks
/// and the latest fairness figures, testing, and the changes since the previous version.
/// Plain values gathered from the pack, its test report and a run summary; rendered as
/// Markdown and as a static HTML page.
public struct PackRecord: Sendable {
  /// A data source: what it is, the legal gateway it is shared under, and its retention.
  public struct Source: Sendable {
    public var id: String
    public var description: String
    public var gateway: String
    public var retention: String?
    /// The person fields and event lists it supplies.
    public var supplies: [String]
  }

  /// An indicator: its rule in words and as written, points, look-back and basis.
  public struct IndicatorEntry: Sendable {
    public var id: String
    public var domain: String
    public var words: String
    /// The condition as written, with the evidence values it names, as Markdown code spans.
    public var rule: String
    public var points: Int
    /// `7 days`, `365 days`; empty when the rule reads current values only.
    public var lookBack: [String]
    public var basis: String
  }

  /// A programme: who is eligible, who is excluded, how places are shared, how to refer.
  public struct ProgrammeEntry: Sendable {
    public var id: String
    public var name: String
    public var description: String
    public var route: String
    public var capacity: Int?
    public var eligibility: [String]
    public var exclusions: [String]
    /// How candidates are ranked for places, before the person id.
    public var priority: String
  }

  /// The latest fairness figures and the run they come from.
  public struct FairnessFigures: Sendable {
    public var asOf: String
    public var pack: SummaryMeasures.PackIdentity?
    public var report: FairnessReport
  }

  public var id: String
  public var name: String
  public var description: String
  public var owner: String
  public var version: String
  public var effective: String
  public var contentHash: String
  public var timeZone: String
  public var references: [(title: String, location: String?)]
  public var domains: [(id: String, name: String, cap: Int)]
  public var bands: [(id: String, minimum: Int, description: String)]
  public var scope: String?
  public var sources: [Source]
  public var indicators: [IndicatorEntry]
  public var programmes: [ProgrammeEntry]
  public var protectedFields: [String]
  public var contextFields: [String]
  public var tests: PackTestReport
  public var fairness: FairnessFigures?
  public var changes: PackChanges

  /// The record of `pack`, with its test report, the measures of a run summary if given, and
  /// the changes since `previous` if given.
  public init(
    pack: CompiledPack, tests: PackTestReport, measures: SummaryMeasures?,
    previous: CompiledPack?
  ) {
    let manifest = pack.manifest
    id = manifest.id
    name = manifest.name
    description = manifest.description
    owner = manifest.owner
    version = manifest.version
    effective = manifest.effective.description
    contentHash = pack.contentHash
    timeZone = manifest.timeZone
    references = manifest.references.map { ($0.title, $0.location) }
    domains = pack.scoring.domains.map { ($0.id, $0.name, $0.cap) }
    bands = pack.scoring.bands.map { ($0.id, $0.minimum, $0.description) }
    scope = pack.scoring.scope?.text
    let schema = pack.schema
    sources = schema.sources.map { source in
      let fields = schema.personFields.filter { $0.sources.contains(source.id) }.map(\.name)
      let lists = schema.eventLists.filter { $0.source == source.id }.map(\.name)
      return Source(
        id: source.id, description: source.description, gateway: source.gateway,
        retention: source.retention, supplies: fields + lists)
    }
    indicators = pack.indicators.map { compiled in
      let indicator = compiled.indicator
      let texts = [indicator.when.text] + indicator.evidence.map(\.expression.text)
      let evidence = indicator.evidence.map { "`\($0.name)` = `\($0.expression.text)`" }
      return IndicatorEntry(
        id: indicator.id, domain: indicator.domain, words: indicator.description,
        rule: "`\(indicator.when.text)`"
          + (evidence.isEmpty ? "" : " where " + evidence.joined(separator: ", ")),
        points: indicator.points,
        lookBack: Self.lookBacks(in: texts), basis: indicator.basis)
    }
    programmes = pack.programmes.map { compiled in
      let programme = compiled.programme
      return ProgrammeEntry(
        id: programme.id, name: programme.name, description: programme.description,
        route: programme.route, capacity: programme.capacity,
        eligibility: programme.eligibility.map(\.description),
        exclusions: programme.exclusions.map(\.description),
        priority: programme.priority.map { "`\($0.text)`, then score" } ?? "score")
    }
    let fairnessSettings = pack.pack.fairness
    protectedFields = fairnessSettings.dimensions.filter { $0.role == .protected }.map(\.field)
    contextFields = fairnessSettings.dimensions.filter { $0.role == .context }.map(\.field)
    self.tests = tests
    fairness = measures.flatMap { measures in
      measures.fairness.map {
        FairnessFigures(asOf: measures.asOf ?? "", pack: measures.pack, report: $0)
      }
    }
    changes = PackChanges(from: previous, to: pack)
  }

  /// The look-back windows an indicator's expressions name (`days(365)`), in days, ascending.
  static func lookBacks(in texts: [String]) -> [String] {
    var days: Set<Int> = []
    for text in texts {
      for match in text.matches(of: /days\((\d+)\)/) {
        if let n = Int(match.1) { days.insert(n) }
      }
    }
    return days.sorted().map { $0 == 1 ? "1 day" : "\($0) days" }
  }

  /// Whether the fairness figures come from a run of exactly this pack.
  public var fairnessIsForThisPack: Bool { fairness?.pack?.sha256 == contentHash }
}
