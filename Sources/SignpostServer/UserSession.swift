import Foundation

/// A signed-in user's session: the user, when it ends, and the token its forms carry.
public struct UserSession: Sendable {
  /// A random 256-bit id, hex.
  public var id: String
  public var user: ServerUser
  public var expires: Date
  /// The CSRF token every form of this session carries.
  public var csrfToken: String
}
