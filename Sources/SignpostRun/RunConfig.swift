import Foundation
import SignpostEngine
import SignpostRules
import SignpostSource
import SignpostStore
import SignpostYAML

/// The settings of `signpost run`, read from a YAML file:
///
/// ```yaml
/// pack: rules/wigan          # the rule pack folder
/// input: /srv/extracts       # the folder of partner extracts
/// store: /var/lib/signpost/runs.sqlite
/// output: /srv/signpost/runs # a subfolder run-ID per run
/// as_of: 2025-04-01          # optional; default today in the pack's time zone
/// strict: false              # optional; stop at the first bad row
/// drop_threshold_percent: 20 # optional; hold a run whose people or a source's rows drop more
/// ```
///
/// Relative paths are relative to the folder the file is in, so the same file works from
/// any working directory (a systemd unit, cron).
public struct RunConfig: Sendable {
  public var path: String
  public var pack: String
  public var input: String
  public var store: String
  public var output: String
  public var asOf: PackDate?
  public var strict: Bool
  /// The largest drop in people, or in one source's rows, since the last complete run that a
  /// run accepts without `--accept-drop`, as a fraction.
  public var dropThreshold: Double

  /// Reads and checks the file; every problem is a positioned diagnostic.
  public static func load(path: String) -> Result<RunConfig, DiagnosticsError> {
    guard let data = FileManager.default.contents(atPath: path) else {
      return .failure(
        DiagnosticsError([
          Diagnostic(id: .configUnreadable, message: "cannot read the run configuration \(path)")
        ]))
    }
    guard let text = String(data: data, encoding: .utf8) else {
      return .failure(
        DiagnosticsError([Diagnostic(id: .configNotUTF8, message: "\(path) is not UTF-8 text")]))
    }
    return parse(SourceFile(path: path, text: text))
  }

  /// Parses the text of a configuration file.
  public static func parse(_ file: SourceFile) -> Result<RunConfig, DiagnosticsError> {
    let (node, diagnostics) = YAMLParser.parse(file)
    guard let node, !diagnostics.contains(where: { $0.severity == .error }) else {
      return .failure(DiagnosticsError(diagnostics))
    }
    let sink = YAMLDiagnosticSink()
    let reader = YAMLMappingReader(node, context: "run configuration", diagnostics: sink)
    let pack = reader.string("pack", required: true)
    let input = reader.string("input", required: true)
    let store = reader.string("store", required: true)
    let output = reader.string("output", required: true)
    let date = reader.date("as_of")
    let strict = reader.bool("strict") ?? false
    // The serve: section belongs to `signpost serve` (ServeSettings).
    reader.declareKnown("serve")
    let percent = reader.double("drop_threshold_percent")
    if let percent, !(0...100).contains(percent), let node = reader.node("drop_threshold_percent") {
      sink.report(
        Diagnostic(
          id: .configDropThreshold,
          message: "drop_threshold_percent must be between 0 and 100, not \(percent)",
          file: node.file, range: node.range))
    }
    reader.reportUnknownKeys()
    guard !sink.hasErrors, let pack, let input, let store, let output else {
      return .failure(DiagnosticsError(diagnostics + sink.diagnostics))
    }
    let folder = PathText.folder(of: file.path)
    func resolve(_ value: String) -> String {
      value.hasPrefix("/") || folder.isEmpty ? value : folder + "/" + value
    }
    return .success(
      RunConfig(
        path: file.path, pack: resolve(pack), input: resolve(input), store: resolve(store),
        output: resolve(output),
        asOf: date.flatMap { PackDate(year: $0.year, month: $0.month, day: $0.day) },
        strict: strict, dropThreshold: percent.map { $0 / 100 } ?? InputDrop.defaultThreshold))
  }
}
