import Foundation

/// The service's sessions, held in memory (a restart signs everyone out). The cookie holds
/// `id.mac`, signed with the session secret; the CSRF token is the MAC of `csrf:id`.
public actor SessionStore {
  /// The cookie's name.
  public static let cookieName = "signpost_session"
  /// How long a session lasts without activity.
  public static let idleLifetime: TimeInterval = 8 * 60 * 60

  private let signer: MessageSigner
  private var sessions: [String: UserSession] = [:]

  public init(signer: MessageSigner) {
    self.signer = signer
  }

  /// Starts a session for `user`; returns it and the cookie value to set.
  public func start(_ user: ServerUser, now: Date = Date()) -> (UserSession, cookie: String) {
    removeExpired(now: now)
    let id = Self.randomHex(bytes: 32)
    let session = UserSession(
      id: id, user: user, expires: now.addingTimeInterval(Self.idleLifetime),
      csrfToken: signer.mac("csrf:" + id))
    sessions[id] = session
    return (session, id + "." + signer.mac("session:" + id))
  }

  /// The live session a cookie value names, extending it; `nil` if the value is forged,
  /// unknown or expired.
  public func session(cookie: String, now: Date = Date()) -> UserSession? {
    let parts = cookie.split(separator: ".", maxSplits: 1).map(String.init)
    guard parts.count == 2, signer.verify("session:" + parts[0], mac: parts[1]),
      var session = sessions[parts[0]]
    else { return nil }
    guard session.expires > now else {
      sessions[parts[0]] = nil
      return nil
    }
    session.expires = now.addingTimeInterval(Self.idleLifetime)
    sessions[parts[0]] = session
    return session
  }

  /// Ends a session (sign-out).
  public func end(_ id: String) {
    sessions[id] = nil
  }

  /// Whether `token` is the CSRF token of the session `id`.
  public nonisolated func checkCSRF(_ token: String, sessionID: String) -> Bool {
    signer.verify("csrf:" + sessionID, mac: token)
  }

  /// A token for the sign-in form, tied to a random nonce kept in a short-lived cookie
  /// (double submit), since there is no session yet.
  public nonisolated func loginToken(nonce: String) -> String {
    signer.mac("login:" + nonce)
  }

  /// Whether `token` is the sign-in form token for `nonce`.
  public nonisolated func checkLoginToken(_ token: String, nonce: String) -> Bool {
    signer.verify("login:" + nonce, mac: token)
  }

  private func removeExpired(now: Date) {
    sessions = sessions.filter { $0.value.expires > now }
  }

  /// `bytes` random bytes from the system generator, as hex.
  static func randomHex(bytes: Int) -> String {
    var generator = SystemRandomNumberGenerator()
    return (0..<bytes).map { _ in
      let byte = UInt8.random(in: 0...255, using: &generator)
      return String(byte, radix: 16).leftPadded(to: 2)
    }.joined()
  }
}

extension String {
  fileprivate func leftPadded(to width: Int) -> String {
    String(repeating: "0", count: max(0, width - count)) + self
  }
}
