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

  /// One account on the users page.
  public struct UserLine: Sendable {
    public var name: String
    public var role: String
    public var scope: String
  }
}
