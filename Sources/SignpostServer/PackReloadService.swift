import Logging
import ServiceLifecycle
import UnixSignals

/// Reloads the served pack on SIGHUP: the new pack replaces the old only if it compiles, its
/// tests pass and the extracts score with it; otherwise the old one keeps serving and the
/// reason is logged.
public struct PackReloadService: Service {
  let service: TriageService
  let loader: PackLoader
  let logger: Logger

  public init(service: TriageService, loader: PackLoader, logger: Logger) {
    self.service = service
    self.loader = loader
    self.logger = logger
  }

  public func run() async throws {
    let signals = await UnixSignalsSequence(trapping: .sighup)
    for await _ in signals.cancelOnGracefulShutdown() {
      switch service.reload(with: loader) {
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
