import Foundation
import SignpostRules
import SignpostSource

/// Loads the schema of a rule pack for the generator, which needs nothing else.
///
/// A pack whose indicators or programmes do not compile (or are still being written) still
/// has a usable schema: only errors in `schema.yaml` stop generation. A folder with a
/// `schema.yaml` but no `pack.yaml` or `scoring.yaml` is read by staging the schema beside
/// placeholder files in a temporary folder, since the loader needs all three.
public enum SynthSchemaLoader {
  /// The schema of the pack in `directory`, or the diagnostics that stop it loading.
  public static func load(directory: String) -> Result<Schema, DiagnosticsError> {
    let (pack, diagnostics) = PackLoader.load(directory: directory)
    if let pack {
      let errors = schemaErrors(diagnostics)
      return errors.isEmpty ? .success(pack.schema) : .failure(DiagnosticsError(errors))
    }
    let schemaPath = (directory as NSString).appendingPathComponent("schema.yaml")
    guard FileManager.default.fileExists(atPath: schemaPath) else {
      return .failure(DiagnosticsError(diagnostics))
    }
    return loadStaged(schemaPath: schemaPath, fallback: diagnostics)
  }

  /// The errors reported in `schema.yaml`.
  static func schemaErrors(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
    diagnostics.filter { diagnostic in
      diagnostic.severity == .error
        && (diagnostic.file.map { ($0.path as NSString).lastPathComponent == "schema.yaml" }
          ?? false)
    }
  }

  private static let placeholderManifest = """
    id: synth-staging
    version: 0.0.0
    owner: signpost synth
    effective: 2000-01-01

    """

  private static let placeholderScoring = """
    domains:
      - { id: none, name: None, cap: 0 }
    bands:
      - { id: none, min: 0 }

    """

  private static func loadStaged(schemaPath: String, fallback: [Diagnostic])
    -> Result<Schema, DiagnosticsError>
  {
    let staging = FileManager.default.temporaryDirectory
      .appendingPathComponent(
        "signpost-synth-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: staging) }
    do {
      try FileManager.default.createDirectory(
        at: staging.appendingPathComponent("indicators"), withIntermediateDirectories: true)
      try FileManager.default.copyItem(
        at: URL(fileURLWithPath: schemaPath), to: staging.appendingPathComponent("schema.yaml"))
      try placeholderManifest.write(
        to: staging.appendingPathComponent("pack.yaml"), atomically: true, encoding: .utf8)
      try placeholderScoring.write(
        to: staging.appendingPathComponent("scoring.yaml"), atomically: true, encoding: .utf8)
    } catch {
      return .failure(DiagnosticsError(fallback))
    }
    let (pack, diagnostics) = PackLoader.load(directory: staging.path)
    guard let pack else { return .failure(DiagnosticsError(fallback)) }
    let errors = schemaErrors(diagnostics).map { diagnostic in
      // Point the diagnostic back at the real file.
      var moved = diagnostic
      if let file = diagnostic.file { moved.file = SourceFile(path: schemaPath, text: file.text) }
      return moved
    }
    return errors.isEmpty ? .success(pack.schema) : .failure(DiagnosticsError(errors))
  }
}
