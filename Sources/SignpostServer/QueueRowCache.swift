import Mustache
import Synchronization

/// Each queue row's HTML as the `queue-row` template renders it, kept by everything the
/// template reads: rendering is a function of the row alone, so a row shown again (the queue
/// opened again, filtered, at the next meeting) costs a look-up instead of swift-mustache
/// finding and escaping a dozen fields. A row whose decision, band or anything else changed
/// is another key and is rendered afresh; the cache is emptied when it reaches `limit` rows.
final class QueueRowCache: Sendable {
  /// A row and the page's settings its template reads.
  struct Key: Hashable, MustacheParent {
    var row: QueueView.Row
    var hasWard: Bool
    var hasSchool: Bool

    func child(named name: String) -> Any? {
      switch name {
      case "hasWard": hasWard
      case "hasSchool": hasSchool
      default: row.child(named: name)
      }
    }
  }

  private let rendered = Mutex<[Key: String]>([:])
  private let limit: Int

  init(limit: Int = 100_000) {
    self.limit = limit
  }

  /// The HTML of each row, rendering with `render` those not kept yet.
  func html(_ keys: [Key], render: (Key) -> String) -> [String] {
    let kept = rendered.withLock { cache in keys.map { cache[$0] } }
    var fresh: [Key: String] = [:]
    let html = zip(keys, kept).map { key, kept in
      if let kept { return kept }
      let html = render(key)
      fresh[key] = html
      return html
    }
    if !fresh.isEmpty {
      rendered.withLock { cache in
        if cache.count + fresh.count > limit { cache = [:] }
        cache.merge(fresh) { kept, _ in kept }
      }
    }
    return html
  }

  /// How many rows are kept.
  var count: Int { rendered.withLock { $0.count } }
}
