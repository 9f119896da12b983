import Foundation
import Logging

/// Writes each log event to standard error as one logfmt line:
/// `ts=2025-04-01T02:00:03Z level=info logger=signpost.run msg="run stored" run_id=12`.
///
/// Signpost logs say what happened to a run (ids, counts, durations, file names); they never
/// carry person ids or field values, so the journal holds no personal data.
struct LogfmtLogHandler: LogHandler {
  let label: String
  var logLevel: Logger.Level
  var metadata: Logger.Metadata = [:]

  init(label: String, level: Logger.Level) {
    self.label = label
    logLevel = level
  }

  subscript(metadataKey key: String) -> Logger.Metadata.Value? {
    get { metadata[key] }
    set { metadata[key] = newValue }
  }

  func log(event: LogEvent) {
    var fields = [
      ("ts", Date().formatted(Date.ISO8601FormatStyle())), ("level", event.level.rawValue),
      ("logger", label), ("msg", event.message.description),
    ]
    let merged = metadata.merging(event.metadata ?? [:]) { _, new in new }
    for key in merged.keys.sorted() {
      if let value = merged[key] { fields.append((key, "\(value)")) }
    }
    let line = fields.map { "\($0)=\(Self.quote($1))" }.joined(separator: " ")
    Console.shared.log(line + "\n")
  }

  /// A value bare if it has no space, quote or equals sign, otherwise quoted.
  private static func quote(_ value: String) -> String {
    if !value.isEmpty,
      !value.contains(where: { $0 == " " || $0 == "\"" || $0 == "=" || $0.isNewline })
    {
      return value
    }
    var out = "\""
    for c in value {
      switch c {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      default: out.append(c)
      }
    }
    return out + "\""
  }

  /// Sends every logger of the process to this handler, at the level `SIGNPOST_LOG_LEVEL`
  /// names (`trace` … `critical`; default `info`).
  static func bootstrap() {
    let name = ProcessInfo.processInfo.environment["SIGNPOST_LOG_LEVEL"] ?? "info"
    let level = Logger.Level(rawValue: name) ?? .info
    LoggingSystem.bootstrap { LogfmtLogHandler(label: $0, level: level) }
  }
}
