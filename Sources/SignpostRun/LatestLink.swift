import Foundation
import SignpostEngine

/// `OUTPUT/latest`: a symbolic link to the newest run's folder.
enum LatestLink {
  /// Points `OUTPUT/latest` at `name`, replacing the link atomically.
  static func point(at name: String, in output: String) throws {
    try OwnerOnly.createDirectory(output)
    let temporary = output + "/.latest-\(ProcessInfo.processInfo.processIdentifier)"
    try? FileManager.default.removeItem(atPath: temporary)
    try FileManager.default.createSymbolicLink(atPath: temporary, withDestinationPath: name)
    guard rename(temporary, output + "/latest") == 0 else {
      throw CocoaError(.fileWriteUnknown)
    }
  }
}
