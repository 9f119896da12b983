import Foundation
import SignpostSource

/// JSON that commands print for tools (`--format json`): encoded by `JSONEncoder`, keys
/// sorted, slashes unescaped.
enum JSONOutput {
  static func text(_ value: some Encodable) -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    // The values printed are plain structs of strings, numbers and arrays: encoding them
    // cannot fail.
    let data = (try? encoder.encode(value)) ?? Data("null".utf8)
    return String(decoding: data, as: UTF8.self)
  }

  /// Diagnostics sorted by file and position, as an array.
  static func diagnostics(_ diagnostics: [Diagnostic]) -> String {
    var bag = DiagnosticBag()
    bag.append(contentsOf: diagnostics)
    return text(bag.sorted)
  }
}
