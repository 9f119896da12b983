/// The fields of a submitted decision form, as text, before they are checked.
public struct DecisionInput: Sendable, Decodable {
  public var kind: String?
  public var reason: String?
  public var note: String?

  public init(kind: String? = nil, reason: String? = nil, note: String? = nil) {
    self.kind = kind
    self.reason = reason
    self.note = note
  }
}
