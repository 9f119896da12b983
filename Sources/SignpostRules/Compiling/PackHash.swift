import SignpostSource

/// The content hash of a pack: SHA-256 over each file's path and text, in path order.
enum PackHash {
  static func hash(_ files: [SourceFile]) -> String {
    var sha = SHA256()
    for file in files.sorted(by: { $0.path < $1.path }) {
      sha.update(Array(file.path.utf8) + [0] + Array(file.text.utf8) + [0])
    }
    return sha.hexDigest()
  }
}
