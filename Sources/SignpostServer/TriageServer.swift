import Hummingbird
import Logging
import NIOCore
import NIOPosix
import ServiceLifecycle

/// Builds the service's Hummingbird application from a loaded service.
public enum TriageServer {
  /// The application: the router with its sessions and throttle, bound to the configured
  /// address, each connection's requests handled on its own event loop
  /// (``LoopBoundHTTP1Channel``). `runService()` starts it and stops it gracefully on
  /// SIGTERM or SIGINT (swift-service-lifecycle).
  public static func application(
    service: TriageService, renderer: PageRenderer, logger: Logger,
    services: [any Service] = []
  ) -> some ApplicationProtocol {
    let router = TriageRouter(
      service: service,
      sessions: SessionStore(signer: MessageSigner(key: service.settings.sessionSecret)),
      throttle: LoginThrottle(), renderer: renderer
    ).build()
    return Application(
      router: router, server: .loopBoundHTTP1,
      configuration: .init(
        address: .hostname(service.settings.address, port: service.settings.port),
        serverName: "signpost"),
      services: services, logger: logger)
  }

  /// Serves until SIGTERM or SIGINT, then stops gracefully: no new connections, requests in
  /// flight finish. SIGHUP reloads the pack with the service's loader (``PackReloadService``).
  public static func run(
    service: TriageService, renderer: PageRenderer, logger: Logger
  ) async throws {
    if !concurrencyOnEventLoops {
      logger.warning("Swift concurrency's jobs run on their own threads, not NIO's event loops")
    }
    let reload = PackReloadService(service: service, logger: logger)
    try await application(
      service: service, renderer: renderer, logger: logger, services: [reload]
    ).runService()
  }

  /// Whether Swift concurrency's jobs run on NIO's event loops (the ones Hummingbird reads
  /// and writes the sockets on) instead of a pool of their own: a request's handler then
  /// runs on the thread that read it and writes its answer there, without two thread hops
  /// (and their wake-ups) a request. Installed once per process, by the first `run`.
  static let concurrencyOnEventLoops =
    NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()
}
