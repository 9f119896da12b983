import Foundation
import SignpostRules

/// Which table reads which file, computed once from the pack before anything is read: the
/// files each table's path or glob finds in the input folder, the linkage files, and the
/// files no table reads. A missing folder, a folder where no table finds a file, and a path
/// that leaves the folder stop the read.
struct ReadPlan {
  private var tables: [SourceTableKey: [String]] = [:]
  private(set) var linkagePaths: [String] = []
  /// Files in the folder that nothing reads, in name order.
  private(set) var ignored: [String] = []

  init(schema: Schema, directory: String) throws(ExtractReadError) {
    var isFolder: ObjCBool = false
    guard FileManager.default.fileExists(atPath: directory, isDirectory: &isFolder),
      isFolder.boolValue
    else { throw ExtractReadError(.inputMissing(directory)) }
    let root = URL(fileURLWithPath: directory).resolvingSymlinksInPath().path
    var read = Set<String>()
    var declared: [String] = []
    func find(_ pattern: String) throws(ExtractReadError) -> [String] {
      declared.append(pattern)
      let paths = InputFiles.matching(pattern, in: directory)
      for path in paths {
        let real = URL(fileURLWithPath: directory + "/" + path).resolvingSymlinksInPath().path
        guard real.hasPrefix(root + "/") else {
          throw ExtractReadError(
            .outsideInput(
              path: path,
              reason:
                "the file leads outside the input folder (to \(real)); tables read only files inside it"
            ))
        }
      }
      read.formUnion(paths)
      return paths
    }
    for source in schema.sources {
      for (t, table) in source.tables.enumerated() {
        try Self.checkInside(table.path)
        tables[SourceTableKey(source: source.id, table: t)] = try find(table.path)
      }
    }
    if let linkage = schema.linkage {
      try Self.checkInside(linkage.path)
      linkagePaths = try find(linkage.path)
    }
    guard !read.isEmpty else { throw ExtractReadError(.noFiles(directory, expected: declared)) }
    ignored = InputFiles.all(in: directory).filter { !read.contains($0) }
  }

  /// The files of a source's table, in name order.
  func paths(source: String, table: Int) -> [String] {
    tables[SourceTableKey(source: source, table: table)] ?? []
  }

  /// A table path must name a file inside the input folder: no absolute path, no `..`.
  static func checkInside(_ path: String) throws(ExtractReadError) {
    if let problem = TablePath.problem(path) {
      throw ExtractReadError(.outsideInput(path: path, reason: problem))
    }
  }
}

extension InputFiles {
  /// Every regular file under the folder (hidden ones aside), as paths relative to it.
  static func all(in directory: String) -> [String] {
    guard let walker = FileManager.default.enumerator(atPath: directory) else { return [] }
    var found: [String] = []
    while let next = walker.nextObject() as? String {
      let name = PathText.lastComponent(of: next)
      if name.hasPrefix(".") {
        walker.skipDescendants()
        continue
      }
      var isFolder: ObjCBool = false
      if FileManager.default.fileExists(atPath: directory + "/" + next, isDirectory: &isFolder),
        !isFolder.boolValue
      {
        found.append(next)
      }
    }
    return found.sorted()
  }
}
