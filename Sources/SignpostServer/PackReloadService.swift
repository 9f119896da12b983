import Logging
import ServiceLifecycle
import SignpostStore
import UnixSignals

/// Reloads the served pack on SIGHUP: the new pack replaces the old only if it compiles, its
/// tests pass and the extracts score with it; otherwise the old one keeps serving and the
/// reason is logged. Each attempt is audited as done by `SIGHUP`.
public struct PackReloadService: Service {
  let service: TriageService
  let logger: Logger

  public init(service: TriageService, logger: Logger) {
    self.service = service
    self.logger = logger
  }

  public func run() async throws {
    guard let loader = service.loader else { return }
    let signals = await UnixSignalsSequence(trapping: .sighup)
    for await _ in signals.cancelOnGracefulShutdown() {
      let result: Result<PackBadge, ServeError>
      do {
        result = try service.reload(with: loader, by: "SIGHUP")
      } catch {
        let serving = service.pack
        logger.error(
          "pack reload not audited",
          metadata: [
            "error": "\(error.description)", "serving": "\(serving.id) \(serving.version)",
          ])
        continue
      }
      switch result {
      case .success(let pack):
        logger.info(
          "pack reloaded",
          metadata: ["pack": "\(pack.id) \(pack.version)", "hash": "\(pack.shortHash)"])
      case .failure(let error):
        logger.error(
          "pack not reloaded; the previous pack keeps serving", metadata: ["reason": "\(error)"])
      }
    }
  }
}
