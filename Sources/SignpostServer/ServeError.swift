/// Why the service cannot start or reload; the message names files and runs, never people.
public struct ServeError: Error, Sendable, CustomStringConvertible {
  public var description: String

  public init(_ description: String) {
    self.description = description
  }
}
