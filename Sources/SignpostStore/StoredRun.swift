import GRDB

/// One row of the `run` table: what a run was made from, what it found and how it ended.
public struct StoredRun: Sendable, Hashable, FetchableRecord {
  public var id: Int64
  public var status: RunStatus
  /// When the run started and finished, ISO 8601 in UTC.
  public var startedAt: String
  public var finishedAt: String?
  /// The as-of date, `YYYY-MM-DD`.
  public var asOf: String?
  public var packID: String?
  public var packVersion: String?
  /// SHA-256 of the pack's files.
  public var packHash: String?
  /// The pack's band ids, highest first.
  public var bands: [String]
  public var peopleRead: Int?
  public var peopleScored: Int?
  public var rowsRejected: Int?
  public var recommended: Int?
  public var waitlisted: Int?
  /// Whether every input file's rows reconciled (read = used + rejected).
  public var reconciled: Bool?
  /// The run's `summary.json`, kept after its person-level rows are purged.
  public var summaryJSON: String?
  /// Seconds per phase as a JSON object.
  public var timingsJSON: String?
  /// Why a run failed; never personal data.
  public var error: String?
  /// The operating-system user who started it, the host and the process id.
  public var user: String
  public var host: String
  public var pid: Int
  /// When its results and referrals were purged under the retention period, if they were.
  public var resultsPurgedAt: String?

  public init(row: Row) throws {
    id = row["id"]
    let statusText: String = row["status"]
    guard let status = RunStatus(rawValue: statusText) else {
      throw StoreError.unknownWord(statusText, column: "run.status")
    }
    self.status = status
    startedAt = row["started_at"]
    finishedAt = row["finished_at"]
    asOf = row["as_of"]
    packID = row["pack_id"]
    packVersion = row["pack_version"]
    packHash = row["pack_hash"]
    let bandsText: String? = row["bands"]
    bands = StoredResult.ids(bandsText ?? "")
    peopleRead = row["people_read"]
    peopleScored = row["people_scored"]
    rowsRejected = row["rows_rejected"]
    recommended = row["recommended"]
    waitlisted = row["waitlisted"]
    reconciled = row["reconciled"]
    summaryJSON = row["summary_json"]
    timingsJSON = row["timings_json"]
    error = row["error"]
    user = row["user"]
    host = row["host"]
    pid = row["pid"]
    resultsPurgedAt = row["results_purged_at"]
  }

  /// `run 12 (complete, as of 2025-04-01, pack wigan 1.2.0)`.
  public var label: String {
    var parts = [status.rawValue]
    if let asOf { parts.append("as of \(asOf)") }
    if let packID { parts.append("pack \(packID) \(packVersion ?? "")") }
    return "run \(id) (" + parts.joined(separator: ", ") + ")"
  }
}
