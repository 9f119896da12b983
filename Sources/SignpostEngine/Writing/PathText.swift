/// A path's folder and last component, split at its last `/`. Foundation's
/// `NSString.deletingLastPathComponent` crashes on a one-character relative path such as
/// `x` (swift-corelibs-foundation), so the commands that take a path from the user use this.
public enum PathText {
  /// `a/b` for `a/b/c`, `/` for `/c`, empty for `c`; trailing slashes are ignored.
  public static func folder(of path: String) -> String {
    let trimmed = trimmingTrailingSlashes(path)
    guard let slash = trimmed.lastIndex(of: "/") else { return "" }
    return slash == trimmed.startIndex ? "/" : String(trimmed[..<slash])
  }

  /// `c` for `a/b/c` and for `c`.
  public static func lastComponent(of path: String) -> String {
    let trimmed = trimmingTrailingSlashes(path)
    guard let slash = trimmed.lastIndex(of: "/") else { return String(trimmed) }
    return String(trimmed[trimmed.index(after: slash)...])
  }

  private static func trimmingTrailingSlashes(_ path: String) -> Substring {
    var trimmed = Substring(path)
    while trimmed.count > 1 && trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
    return trimmed
  }
}
