import Foundation

/// A fresh folder under the system's temporary folder, optionally filled with files; the test
/// removes it with ``remove()`` (usually in a `defer`).
public struct TemporaryFolder: Sendable {
  public let url: URL

  /// Creates the folder and writes `files` (relative path → text) into it, creating
  /// sub-folders as the paths need.
  public init(_ prefix: String = "signpost", files: [String: String] = [:]) throws {
    url = FileManager.default.temporaryDirectory
      .appendingPathComponent("\(prefix)-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    try Self.write(files, into: url)
  }

  public var path: String { url.path }

  /// Writes files into the sub-folder `name` (created), returning its path.
  @discardableResult
  public func write(_ name: String, _ files: [String: String]) throws -> String {
    let folder = url.appendingPathComponent(name)
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    try Self.write(files, into: folder)
    return folder.path
  }

  /// Deletes the folder and everything in it.
  public func remove() { try? FileManager.default.removeItem(at: url) }

  private static func write(_ files: [String: String], into folder: URL) throws {
    for (name, text) in files {
      let file = folder.appendingPathComponent(name)
      try FileManager.default.createDirectory(
        at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
      try Data(text.utf8).write(to: file)
    }
  }
}

/// The contents of every file in a folder and its sub-folders, by relative path, in path
/// order.
public func contents(of folder: URL) throws -> [(name: String, data: Data)] {
  let paths =
    FileManager.default.enumerator(atPath: folder.path)?.compactMap { $0 as? String } ?? []
  var result: [(name: String, data: Data)] = []
  for path in paths.sorted() {
    var isFolder: ObjCBool = false
    let url = folder.appendingPathComponent(path)
    guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder),
      !isFolder.boolValue
    else { continue }
    result.append((path, try Data(contentsOf: url)))
  }
  return result
}
