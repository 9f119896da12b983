import SignpostSource

/// The content hash of a pack: SHA-256 over each file's path relative to the pack folder and
/// its text, in that order of relative path. How the folder was named (`rules/wigan`, an
/// absolute path, `../x/rules/wigan/`) does not change it; a renamed or changed file does.
enum PackHash {
  static func hash(_ files: [SourceFile], root: String) -> String {
    let prefix = root.hasSuffix("/") ? root : root + "/"
    let named = files.map { file in
      (
        name: file.path.hasPrefix(prefix) ? String(file.path.dropFirst(prefix.count)) : file.path,
        text: file.text
      )
    }
    var sha = SHA256()
    for file in named.sorted(by: { $0.name < $1.name }) {
      sha.update(Array(file.name.utf8) + [0] + Array(file.text.utf8) + [0])
    }
    return sha.hexDigest()
  }
}
