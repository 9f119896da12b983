import Foundation

/// Raw writes to the standard streams.
enum FileHandleOutput {
  static func standardError(_ text: String) {
    FileHandle.standardError.write(Data(text.utf8))
  }
}
