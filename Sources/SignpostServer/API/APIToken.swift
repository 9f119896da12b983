import SignpostSource

/// A machine client's token, from the `serve.tokens` list of the configuration: the client
/// acts as ``user`` (a role and its scope, as a person's account has) and is known by the
/// SHA-256 of its token, never the token itself. `signpost serve --new-token` makes one.
///
/// A token is 256 random bits, so a plain SHA-256 is enough to keep it at rest: unlike a
/// password it cannot be guessed, and checking it costs microseconds, not bcrypt's 0.2 s.
public struct APIToken: Sendable, Hashable {
  public var user: ServerUser
  /// The token's SHA-256, lowercase hex.
  public var sha256: String

  public init(user: ServerUser, sha256: String) {
    self.user = user
    self.sha256 = sha256
  }

  /// The prefix of every token, so a leaked one is recognisable in a scan.
  public static let prefix = "spt_"

  /// A new random token and its hash for the configuration.
  public static func generate() -> (token: String, sha256: String) {
    let token = prefix + SessionStore.randomHex(bytes: 32)
    return (token, digest(token))
  }

  /// The SHA-256 of a token, lowercase hex.
  public static func digest(_ token: some StringProtocol) -> String {
    var hash = SHA256()
    hash.update(token.utf8)
    return hash.hexDigest()
  }

  /// Whether a text is a SHA-256 in lowercase hex.
  static func isDigest(_ text: String) -> Bool {
    text.count == 64 && text.allSatisfy { $0.isHexDigit && !$0.isUppercase }
  }
}
