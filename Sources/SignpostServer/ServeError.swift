/// Why the service cannot start or reload; the message names files and runs, never people.
public struct ServeError: Error, Sendable, CustomStringConvertible {
  public var description: String
  /// The pack does not compile or its tests fail (rather than the store or the extracts).
  public var isPackProblem: Bool

  public init(_ description: String, isPackProblem: Bool = false) {
    self.description = description
    self.isPackProblem = isPackProblem
  }
}
