import Synchronization

/// Each programme's queue in the latest run as the store holds it, before decisions are
/// added and before a school user's pupils are picked out: rows by rank with band, score,
/// reason line, "new since the last run", ward and school. They change only with the run,
/// or when that run or the run before is purged, so they are read and built once per
/// programme and run rather than once per page. One cache belongs to one ``ServedScoring``
/// (the wards and schools come from its extracts): a reload starts an empty one.
public final class RankedRowsCache: Sendable {
  /// The stored runs a programme's rows were built from.
  struct Source: Hashable, Sendable {
    var runID: Int64
    var runPurged: Bool
    var previousID: Int64?
    var previousPurged: Bool
  }

  private let kept = Mutex<[String: (source: Source, rows: [QueueView.Row])]>([:])

  public init() {}

  /// The programme's rows, if they were kept for the same runs.
  func rows(_ programme: String, from source: Source) -> [QueueView.Row]? {
    kept.withLock { kept in
      kept[programme].flatMap { $0.source == source ? $0.rows : nil }
    }
  }

  /// Keeps a programme's rows in place of any kept for other runs.
  func keep(_ rows: [QueueView.Row], _ programme: String, from source: Source) {
    kept.withLock { $0[programme] = (source, rows) }
  }
}
