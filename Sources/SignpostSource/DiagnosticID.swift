/// A diagnostic's stable identifier, such as `yaml.duplicate-key`: tools and tests match on
/// it, so it does not change once published. Each phase declares its ids in one catalogue (an
/// `extension DiagnosticID` beside the phase's messages) rather than spelling them inline.
public struct DiagnosticID: Sendable, Hashable, Codable, CustomStringConvertible,
  ExpressibleByStringLiteral
{
  /// The id as written in JSON output and matched by tools: `phase.what-went-wrong`.
  public let rawValue: String

  public init(_ rawValue: String) {
    self.rawValue = rawValue
  }

  /// A literal id, for tests that name the id they expect.
  public init(stringLiteral value: String) {
    rawValue = value
  }

  public init(from decoder: any Decoder) throws {
    rawValue = try decoder.singleValueContainer().decode(String.self)
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(rawValue)
  }

  public var description: String { rawValue }
}
