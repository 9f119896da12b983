/// A local account of the service, from the `serve.users` list of the configuration.
public struct ServerUser: Sendable, Hashable {
  /// The sign-in name; also what decisions and the audit record.
  public var name: String
  public var role: ServerRole
  /// A bcrypt hash (`signpost serve --hash-password` makes one); never the password.
  public var passwordHash: String
  /// For the school role: the schools whose pupils the user sees, as the configured school
  /// field holds them.
  public var schools: [String]
  /// For the programme-lead role: the programme ids whose queues the user sees.
  public var programmes: [String]

  public init(
    name: String, role: ServerRole, passwordHash: String, schools: [String] = [],
    programmes: [String] = []
  ) {
    self.name = name
    self.role = role
    self.passwordHash = passwordHash
    self.schools = schools
    self.programmes = programmes
  }
}
