import Metrics
import Prometheus

/// The service's metrics through swift-metrics, into a Prometheus registry that `/metrics`
/// renders: requests and their latency by route template (never by a path holding a person
/// id), decisions by kind, and stored runs by status.
public final class ServerMetrics: Sendable {
  /// The registry `/metrics` renders.
  public let registry: PrometheusCollectorRegistry
  private let factory: PrometheusMetricsFactory

  public init() {
    registry = PrometheusCollectorRegistry()
    factory = PrometheusMetricsFactory(registry: registry)
  }

  /// Counts a request and records how long it took.
  public func recordRequest(method: String, route: String, status: Int, nanoseconds: Int64) {
    let dimensions = [("method", method), ("route", route), ("status", String(status))]
    Counter(label: "signpost_http_requests_total", dimensions: dimensions, factory: factory)
      .increment()
    Timer(
      label: "signpost_http_request_duration_seconds",
      dimensions: [("method", method), ("route", route)], factory: factory
    ).recordNanoseconds(nanoseconds)
  }

  /// Counts a recorded decision.
  public func recordDecision(_ kind: String) {
    Counter(label: "signpost_decisions_total", dimensions: [("kind", kind)], factory: factory)
      .increment()
  }

  /// Sets the number of stored runs with each status.
  public func recordRuns(_ counts: [String: Int]) {
    for (status, count) in counts {
      Gauge(label: "signpost_runs", dimensions: [("status", status)], factory: factory)
        .record(count)
    }
  }

  /// The metrics in Prometheus's text format.
  public func render() -> String {
    registry.emitToString()
  }
}
