import SignpostSource

/// A syntax error in a text-format document, or a field whose value does not fit the
/// schema the caller expects, at a line and column (1-based, counting characters).
public struct TextProtoError: Error, Sendable, Hashable, CustomStringConvertible {
  public var message: String
  public var location: SourceLocation

  public init(_ message: String, at location: SourceLocation) {
    self.message = message
    self.location = location
  }

  /// `line:column: message`.
  public var description: String { "\(location): \(message)" }
}
