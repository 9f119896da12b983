import SignpostStore

extension TriageService {
  /// The accounts and their scopes, for an admin.
  public func users(for user: ServerUser) throws(TriageError) -> [UserLine] {
    guard policy.isAdmin(user) else { throw TriageError(.forbidden, "admins only") }
    return settings.users.map {
      UserLine(
        name: $0.name, role: $0.role.rawValue,
        scope: ($0.schools + $0.programmes).joined(separator: ", "))
    }
  }

  /// Who read or decided on a person, for an admin answering a subject access request. The
  /// admin's own look at the audit is not itself a read of the person's data.
  public func audit(_ personID: String, for user: ServerUser) throws(TriageError) -> PersonAudit {
    guard policy.isAdmin(user) else { throw TriageError(.forbidden, "admins only") }
    return try storeCall { () throws(StoreError) in try store.personAudit(personID: personID) }
  }

  /// Reloads the pack on an admin's request, by the rule SIGHUP follows: the new pack is
  /// served only if it compiles, its tests pass and the extracts score with it. Audited.
  public func reloadPack(for user: ServerUser) throws(TriageError) -> PackReloadView {
    guard policy.isAdmin(user) else { throw TriageError(.forbidden, "admins only") }
    guard let loader else {
      throw TriageError(.unavailable, "this service was started without a pack to reload")
    }
    let before = pack
    let result = try storeCall { () throws(StoreError) in
      try reload(with: loader, by: user.name)
    }
    switch result {
    case .success(let after):
      return PackReloadView(reloaded: true, before: before, after: after, reason: nil)
    case .failure(let error):
      return PackReloadView(
        reloaded: false, before: before, after: before, reason: error.description)
    }
  }

  /// What an admin's pack reload did.
  public struct PackReloadView: Sendable {
    /// Whether the new pack is now served.
    public var reloaded: Bool
    public var before: PackBadge
    /// The pack served now: the new one, or `before` if it was refused.
    public var after: PackBadge
    /// Why the new pack was refused: its diagnostics or failing tests.
    public var reason: String?
  }

  /// One account on the users page.
  public struct UserLine: Sendable {
    public var name: String
    public var role: String
    public var scope: String
  }
}
