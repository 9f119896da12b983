import SignpostServer
import Testing

/// A request's counter and timer are kept per method, route and status: the same request
/// counted again adds to the same series, another status starts its own.
@Test func requestsOfOneRouteAndStatusAddUp() {
  let metrics = ServerMetrics()
  for _ in 0..<3 {
    metrics.recordRequest(method: "POST", route: "/api/v1/score", status: 200, nanoseconds: 500_000)
  }
  metrics.recordRequest(method: "POST", route: "/api/v1/score", status: 400, nanoseconds: 100_000)
  let text = metrics.render()
  let counts = text.split(separator: "\n").filter {
    $0.hasPrefix("signpost_http_requests_total{")
  }
  #expect(counts.count == 2)
  #expect(counts.contains { $0.contains("status=\"200\"") && $0.hasSuffix(" 3") })
  #expect(counts.contains { $0.contains("status=\"400\"") && $0.hasSuffix(" 1") })
  #expect(
    text.contains(
      "signpost_http_request_duration_seconds_count{method=\"POST\",route=\"/api/v1/score\"} 4"))
}
