import CoreMetrics
import Metrics
import Prometheus
import Synchronization

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
    let (counter, timer) = requestMetrics(RequestKey(method: method, route: route, status: status))
    counter.increment()
    timer.recordNanoseconds(nanoseconds)
  }

  /// A request's counter and timer, made once per method, route template and status (a
  /// handful of each) and kept: making them looks them up in the registry under its lock.
  private func requestMetrics(_ key: RequestKey) -> (CoreMetrics.Counter, CoreMetrics.Timer) {
    if let kept = requests.withLock({ $0[key] }) { return kept }
    let made = (
      Counter(
        label: "signpost_http_requests_total",
        dimensions: [("method", key.method), ("route", key.route), ("status", String(key.status))],
        factory: factory),
      Timer(
        label: "signpost_http_request_duration_seconds",
        dimensions: [("method", key.method), ("route", key.route)], factory: factory)
    )
    return requests.withLock { requests in
      if let kept = requests[key] { return kept }
      requests[key] = made
      return made
    }
  }

  private struct RequestKey: Hashable {
    var method: String
    var route: String
    var status: Int
  }

  private let requests = Mutex<[RequestKey: (CoreMetrics.Counter, CoreMetrics.Timer)]>([:])

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
