import Mustache

/// The queue page's content: the queue, and its rows already rendered by the `queue-row`
/// template (``QueueRowCache``), which the page template places unescaped (`{{{.}}}`, HTML
/// that swift-mustache escaped when it rendered the row).
struct RenderedQueue: Sendable, MustacheParent {
  var queue: QueueView
  var renderedRows: [String]

  func child(named name: String) -> Any? {
    name == "renderedRows" ? renderedRows : queue.child(named: name)
  }
}
