import SignpostEngine
import SignpostRules
import SignpostSource
import SignpostStore

/// Loads the pack the service serves: it must compile and its own tests must pass; then the
/// extracts are scored with it as of the latest complete run. At start and on every reload
/// (SIGHUP), so a pack that fails either check is never served.
public struct PackLoader: Sendable {
  public var packPath: String
  public var inputDirectory: String

  public init(packPath: String, inputDirectory: String) {
    self.packPath = packPath
    self.inputDirectory = inputDirectory
  }

  /// The checked pack and the extracts scored with it.
  ///
  /// - Throws: ``ServeError`` with ``ServeError/isPackProblem`` set if the pack does not
  ///   compile or a pack test fails; otherwise for a store or extract problem.
  public func load(store: RunStore) throws(ServeError) -> ServedScoring {
    let pack: CompiledPack
    switch PackCompiler.compile(directory: packPath) {
    case .success(let compiled): pack = compiled
    case .failure(let error):
      throw ServeError(
        "the pack \(packPath) does not compile:\n" + DiagnosticRenderer.render(error.diagnostics),
        isPackProblem: true)
    }
    let report = PackTestRunner.run(pack)
    guard report.failedCount == 0 else {
      let failed = report.cases.filter { !$0.passed }.map(\.name).joined(separator: ", ")
      throw ServeError(
        "\(report.failedCount) of \(report.cases.count) tests of the pack \(packPath) fail: \(failed)",
        isPackProblem: true)
    }
    do {
      return try ServedScoring.load(pack: pack, inputDirectory: inputDirectory, store: store)
    } catch let error as ServeError {
      throw error
    } catch {
      throw ServeError("\(error)")
    }
  }
}
