import ArgumentParser
import Foundation
import HummingbirdBcrypt
import Logging
import SignpostRun
import SignpostServer
import SignpostSource
import SignpostStore

/// `signpost serve --config signpost.yaml`: the triage service over the run store.
struct Serve: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Serve the triage pages: queues, people and decisions, with scoped, audited access.",
    discussion: """
      Reads the pack, input and store of the run configuration and its serve: section \
      (address, port, session secret file, users), scores the extracts as of the latest \
      complete run (for explanations), and serves until SIGTERM or SIGINT, then stops \
      gracefully. The pack must compile and pass its own tests, at start and when SIGHUP \
      reloads it (a pack that fails keeps the previous one serving). Put it behind a reverse proxy that terminates TLS (docs/service.md). \
      `--hash-password` reads a password from standard input and prints its bcrypt hash for \
      the users list; `--new-token` prints a new API token and the line for the tokens list \
      (only its SHA-256 is kept). Exit status: 0 stopped; 1 the pack does not compile or a pack test fails; 5 store error or no \
      complete run; 6 configuration error.
      """)

  @Option(help: "The run configuration with a serve: section.", completion: .file())
  var config: String?

  @Flag(help: "Read a password from standard input and print its bcrypt hash, then exit.")
  var hashPassword = false

  @Flag(help: "Print a new API token and its SHA-256 for serve.tokens, then exit.")
  var newToken = false

  func validate() throws {
    if config == nil && !hashPassword && !newToken {
      throw ValidationError("give the configuration with --config FILE")
    }
  }

  func run() async throws {
    if newToken {
      let (token, sha256) = APIToken.generate()
      print("token: \(token)")
      print("  - { name: CLIENT, role: ROLE, token_sha256: \"\(sha256)\" }")
      return
    }
    if hashPassword {
      guard let password = readLine(strippingNewline: true), !password.isEmpty else {
        throw ValidationError("no password on standard input")
      }
      print(Bcrypt.hash(password, cost: 12))
      return
    }
    guard let config else { return }
    LogfmtLogHandler.bootstrap()
    let log = Logger(label: "signpost.serve")
    let runConfig: RunConfig
    let settings: ServeSettings
    switch (RunConfig.load(path: config), ServeSettings.load(path: config)) {
    case (.success(let run), .success(let serve)):
      runConfig = run
      settings = serve
    case (.failure(let error), _), (_, .failure(let error)):
      printError(DiagnosticRenderer.render(error.diagnostics))
      throw RunExit.configError
    }
    guard FileManager.default.fileExists(atPath: runConfig.store) else {
      printError("error: there is no run store at \(runConfig.store): run `signpost run` first")
      throw RunExit.storeError
    }
    let loader = PackLoader(packPath: runConfig.pack, inputDirectory: runConfig.input)
    let service: TriageService
    do {
      let store = try RunStore(path: runConfig.store)
      service = TriageService(
        store: store, settings: settings, scoring: try loader.load(store: store),
        metrics: ServerMetrics(), loader: loader)
    } catch let error as ServeError {
      printError("error: \(error)")
      throw error.isPackProblem ? RunExit.packDoesNotCompile : RunExit.storeError
    } catch {
      printError("error: \(error)")
      throw RunExit.storeError
    }
    let renderer = try PageRenderer.load()
    log.info(
      "serving",
      metadata: [
        "address": "\(settings.address)", "port": "\(settings.port)",
        "pack": "\(service.pack.id) \(service.pack.version)",
        "run_id": "\(service.scoring.runID)", "users": "\(settings.users.count)",
      ])
    try await TriageServer.run(service: service, renderer: renderer, logger: log)
    log.info("stopped")
  }
}
