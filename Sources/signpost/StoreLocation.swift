import ArgumentParser
import Foundation
import SignpostRun
import SignpostSource
import SignpostStore

/// Where `changes` and `purge` find the store: `--store PATH`, or the `store` of a run
/// configuration given with `--config FILE`.
struct StoreLocation: ParsableArguments {
  @Option(help: "The run store (SQLite file).", completion: .file())
  var store: String?

  @Option(help: "A run configuration whose store (and output folder) to use.", completion: .file())
  var config: String?

  init() {}

  /// The location given by another command's own options.
  init(store: String?, config: String?) {
    self.store = store
    self.config = config
  }

  func validate() throws {
    if store == nil && config == nil {
      throw ValidationError("give the store with --store PATH or --config FILE")
    }
    if store != nil && config != nil {
      throw ValidationError("give either --store or --config, not both")
    }
  }

  /// The configuration, if one was given; exits 6 if it is wrong.
  func runConfig() throws -> RunConfig? {
    guard let config else { return nil }
    switch RunConfig.load(path: config) {
    case .success(let settings): return settings
    case .failure(let error):
      printError(DiagnosticRenderer.render(error.diagnostics))
      throw RunExit.configError
    }
  }

  /// Opens the store; exits 5 if it cannot.
  func open() throws -> (store: RunStore, config: RunConfig?) {
    let settings = try runConfig()
    guard let path = store ?? settings?.store else { throw RunExit.configError }
    // Reading never creates a store: a wrong path is an error, not a new empty store.
    guard FileManager.default.fileExists(atPath: path) else {
      printError("error: there is no run store at \(path)")
      throw RunExit.storeError
    }
    do {
      return (try RunStore(path: path), settings)
    } catch {
      printError("error: \(error.description)")
      throw RunExit.storeError
    }
  }
}
