/// Why synthetic extracts could not be written.
public enum SynthError: Error, Sendable, CustomStringConvertible {
  /// A file could not be created.
  case cannotWrite(String)
  /// The configuration cannot be generated (no people, a negative count).
  case invalidConfiguration(String)

  /// The reason, in a sentence.
  public var description: String {
    switch self {
    case .cannotWrite(let path): "cannot write \(path)"
    case .invalidConfiguration(let reason): reason
    }
  }
}
