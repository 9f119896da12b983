/// The rule for a table's `path`: it names files inside the input folder.
public enum TablePath {
  /// Why the path would leave the input folder, or `nil` when it stays inside.
  public static func problem(_ path: String) -> String? {
    if path.hasPrefix("/") || path.hasPrefix("~") {
      return "table path '\(path)' is absolute; tables read only files inside the input folder"
    }
    if path.split(separator: "/", omittingEmptySubsequences: false).contains("..") {
      return
        "table path '\(path)' climbs out with '..'; tables read only files inside the input folder"
    }
    return nil
  }
}
