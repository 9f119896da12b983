import Hummingbird
import Logging
import ServiceLifecycle

/// Builds the service's Hummingbird application from a loaded service.
public enum TriageServer {
  /// The application: the router with its sessions and throttle, bound to the configured
  /// address. `runService()` starts it and stops it gracefully on SIGTERM or SIGINT
  /// (swift-service-lifecycle).
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
      router: router,
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
    let reload = PackReloadService(service: service, logger: logger)
    try await application(
      service: service, renderer: renderer, logger: logger, services: [reload]
    ).runService()
  }
}
